import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchIdOf } from '../../src/messaging/outbox';
import type { Person } from '../../src/domain/org';
import { identifiersOf } from '../../src/services/erasure';
import type { Repositories } from '../../src/storage';
import { testRepositories } from '../support/storage';
import { scanRows, type StoredRow } from '../support/tableSnapshot';

// Erasure and the data export find a person by exact identifiers, never by substring: with people
// whose ids, e-mails, names and chat ids contain one another's (ln@ inside jln@, mette.jensen@
// inside anne.mette.jensen@, "Mette Jensen" inside "Anne Mette Jensen"), erasing one leaves every
// other person's rows exactly as they were, and one person's export holds no row about another.

const cycle = '2026';
const hrId = 'ffffffff-0000-4000-8000-00000000ffff';

interface Generated {
  id: string;
  email: string;
  name: string;
  conversationId: string;
}

/** Each new person is made from an earlier one so that one identifier contains another. */
const derive = (base: Generated, op: number, salt: string): Generated => {
  const [local, domain] = base.email.split('@') as [string, string];
  const nextId = `${base.id.slice(0, 35)}${((parseInt(base.id.slice(35), 16) + 1 + Number.parseInt(salt, 36)) % 16).toString(16)}`;
  const emails = [`j${local}@${domain}`, `anne.${local}@${domain}`, `${local}@${domain}.eu`, `${local}-2@${domain}`, `${base.id}@${domain}`, `${local}.x@${domain}`];
  const names = [`Anne ${base.name}`, `${base.name}-Nielsen`, `${base.name} Jr`, `J${base.name.toLowerCase()}`];
  const conversations = [`${base.conversationId}x`, `${base.conversationId}-2`, `${base.conversationId}.y`, `a:personal-${base.id}`, `${base.conversationId}_z`];
  return {
    id: nextId,
    email: emails[op % emails.length]!,
    name: names[op % names.length]!,
    conversationId: conversations[op % conversations.length]!,
  };
};

const peopleArb = fc
  .record({
    first: fc.record({
      id: fc.uuid({ version: 4 }),
      local: fc.constantFrom('ln', 'mette.jensen', 'bo', 'ab.cd'),
      name: fc.constantFrom('Mette Jensen', 'Lone Nielsen', 'Bo Ek'),
      conversation: fc.stringMatching(/^a:1[A-Za-z0-9]{3,8}$/),
    }),
    steps: fc.array(fc.record({ from: fc.nat(), op: fc.nat(), salt: fc.constantFrom('0', '1', '2', '3', '4', '5', '6') }), { minLength: 2, maxLength: 4 }),
    erase: fc.nat(),
  })
  .map(({ first, steps, erase }) => {
    const people: Generated[] = [{ id: first.id, email: `${first.local}@k.dk`, name: first.name, conversationId: first.conversation }];
    for (const step of steps) {
      const next = derive(people[step.from % people.length]!, step.op, step.salt);
      // Two people never share an identifier or a name (a name shared by two cannot tell them apart).
      const clash = people.some((p) => p.id === next.id || p.email === next.email || p.conversationId === next.conversationId || p.name.toLowerCase() === next.name.toLowerCase());
      if (!clash) people.push(next);
    }
    return { people, erase: erase % people.length };
  });

/** The leader who approved each person's plan: the next person (cyclic). */
const leaderOf = (people: Generated[], i: number) => people[(i + 1) % people.length]!;
const goalText = (leader: { name: string; email: string }, own: Generated) => `Aftalt med ${leader.name} (${leader.email}); ${own.name} tager ansvaret.`;

async function build(repos: Repositories, people: Generated[]): Promise<void> {
  const now = new Date('2026-03-01T10:00:00Z');
  await repos.org.importOrganisation({
    departments: [{ id: 'd1', name: 'Afdeling' }],
    people: people.map((p): Person => ({ id: p.id, name: p.name, email: p.email, departmentId: 'd1', leaderOf: [], hrAdmin: false, medAreas: [], hovedudvalg: false, trFor: [], active: true })),
  });
  await repos.grus.create('grus-1', {
    departmentId: 'd1', cycle, channelId: '19:general@thread.tacv2', teamName: 'Team', startedBy: hrId, deadline: '2026-04-01', locale: 'da',
    participants: people.map((p) => p.id), questions: [],
  });
  await repos.postings.create('posting-1', { departmentId: 'd1', cycle, channelId: '19:general@thread.tacv2', postedBy: hrId, locale: 'da', card: {}, choices: [] });
  for (const [i, p] of people.entries()) {
    const reference = {
      user: { id: `29:${p.id}`, name: p.name, aadObjectId: p.id }, bot: { id: '28:bot', name: 'Bot' },
      conversation: { id: p.conversationId, conversationType: 'personal', tenantId: 't' }, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/',
    };
    await repos.conversations.save('user', p.id, { reference });
    await repos.preferences.setLanguage(p.id, 'da');
    const prep = await repos.preparations.start(p.id, cycle, 'd1');
    await repos.preparations.saveStep(p.id, prep, 'theme-x', { kind: 'questions', answers: { q1: `Jeg hedder ${p.name}. Skriv til ${p.email}.` } }, true);
    const leader = leaderOf(people, i);
    const stored = await repos.plans.load(p.id, cycle, 'd1');
    await repos.plans.save(p.id, cycle, stored, {
      revision: 1, approvedVersion: 0, approvals: { leader: { personId: leader.id, at: now.toISOString() } },
      goals: [{ id: 'g1', competenceId: 'c1', goal: goalText(leader, p), evaluation: '', actions: [] }],
    }, leader.id);
    await repos.postings.vote('posting-1', p.id, 'c1');
    await repos.grus.saveAnswer('grus-1', p.id, { q1: `${p.name} mener ja` });
    await repos.schedule.schedule({ id: `nudge|${cycle}|${p.id}|1`, kind: 'mus-nudge', dueAt: new Date('2026-03-10T08:00:00Z'), payload: { personId: p.id } });
    await repos.outbox.enqueue({ batchId: batchIdOf('test', p.id), label: `Til ${p.name}`, requestedBy: 'system' }, [{ recipient: p.id, reference, activity: { type: 'message', text: `Hej ${p.name} (${p.email})` } }], now);
    await repos.audit.record({ readerId: hrId, subjectIds: [p.id], kind: 'plan', detail: cycle });
  }
}

type Row = StoredRow;
const scan = (repos: Repositories) => scanRows(repos.tables);
const keyOf = (r: { role: string; pk: string; rk: string }) => `${r.role}|${r.pk}|${r.rk}`;

/** Whose row it is, by construction: the person a key names as a whole segment (`|`, `:`); shared rows name nobody. */
function ownerOf(row: Row, people: Generated[]): Generated | undefined {
  const segments = [...row.pk.split(/[|:]/), ...row.rk.split(/[|:]/)].map((s) => s.toLowerCase());
  return people.find((p) => segments.includes(p.id) || segments.includes(p.conversationId.toLowerCase()));
}

/** Every string in a row (JSON fields parsed), and its keys' segments: what an exact identifier can be. */
function stringsOf(row: Row): string[] {
  const out: string[] = [...row.pk.split('|'), ...row.rk.split('|')];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (/^[[{]/.test(v)) {
        try {
          return walk(JSON.parse(v));
        } catch {
          // text
        }
      }
      out.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => (out.push(k), walk(x)));
  };
  walk(row.fields);
  return out.map((s) => s.toLowerCase());
}
const identifiers = (p: Generated) => [p.id, p.email, p.conversationId.toLowerCase()];
const countOf = (row: Row, p: Generated) => stringsOf(row).filter((s) => identifiers(p).includes(s)).length;

describe('erasure and the data export select rows by exact identifiers', () => {
  it('when people\'s ids, e-mails, names and chat ids contain one another\'s, then erasing one leaves every other person\'s rows exactly as they were, and an export holds only the person\'s own rows', async () => {
    await fc.assert(fc.asyncProperty(peopleArb, async ({ people, erase }) => {
      const repos = await testRepositories();
      try {
        await build(repos, people);
        const target = people[erase]!;
        const person = (await repos.org.getPerson(target.id))!;

        // The export: exactly the rows that are theirs by construction (no one else's, none missing).
        const exported = await repos.erasure.rowsOf(await identifiersOf(repos, person));
        const before = await scan(repos);
        const ownKeys = before.filter((r) => r.role !== 'audit' && r.role !== 'outboxBatches' && ownerOf(r, people) === target).map(keyOf).sort();
        expect(exported.map((r) => keyOf({ role: r.table, pk: r.partitionKey, rk: r.rowKey })).sort()).toEqual(ownKeys);

        const erasureId = '0123456789abcdef';
        const pseudonym = `slettet-${erasureId}`;
        await repos.erasure.createRequest(erasureId, { ...(await identifiersOf(repos, person)), pseudonym }, hrId);
        await repos.erasure.erase(erasureId);
        const after = new Map((await scan(repos)).map((r) => [keyOf(r), r]));

        for (const row of before) {
          const now = after.get(keyOf(row));
          const owner = ownerOf(row, people);
          if (owner === target) {
            expect(now, `${keyOf(row)} is the erased person's`).toBeUndefined();
            continue;
          }
          const ownerIndex = owner ? people.indexOf(owner) : -1;
          if (owner && row.role === 'plans' && leaderOf(people, ownerIndex) === target) {
            // The erased person approved this plan as the leader: the plan stays, without them.
            const expected = JSON.parse(JSON.stringify(row.fields).split(`"${target.id}"`).join(`"${pseudonym}"`)) as Row['fields'];
            const plan = JSON.parse(expected.plan as string) as { goals: Array<{ goal: string }>; approvals: { leader: { personId: string } } };
            plan.goals[0]!.goal = goalText({ name: '(slettet)', email: pseudonym }, owner);
            plan.approvals.leader.personId = pseudonym;
            expected.plan = JSON.stringify(plan);
            expect(now?.fields, keyOf(row)).toEqual(expected);
          } else if (owner) {
            expect(now?.fields, `${keyOf(row)} belongs to someone else`).toEqual(row.fields);
          } else if (now) {
            // A shared row (the GRUS, the posting, the department, the month's audit entries): it
            // no longer names the erased person, and names everyone else exactly as often as before.
            expect(countOf(now, target), keyOf(row)).toBe(0);
            for (const other of people.filter((p) => p !== target)) expect(countOf(now, other), `${keyOf(row)} names ${other.email}`).toBe(countOf(row, other));
          }
        }
      } finally {
        await repos.tables.dropTables();
      }
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 12) });
  }, 240_000);
});
