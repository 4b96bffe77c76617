import { beforeAll, describe, expect, it } from 'vitest';
import { botHarness, demo, visibleText } from '../support/botHarness';
import { formatterFor } from '../../src/domain/format';

// Preparations are written straight into storage here; the flow itself is tested elsewhere.
let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = String(new Date().getUTCFullYear());
const { jens, birgitte } = demo;
const allSteps = ['theme-looking-back', 'theme-tasks-wellbeing', 'theme-collaboration-leadership', 'rating-udvikling', 'rating-kultur',
  'rating-resultater', 'theme-future-ambitions', 'theme-learning-preferences', 'theme-development-goals'];

beforeAll(async () => {
  harness = await botHarness();
  const { repos } = harness;
  // Mette: prepared and shared her self-ratings and the future (not the year behind).
  let prep = await repos.preparations.start(demo.mette.aadObjectId, cycle, 'hjemmeplejen-nord');
  for (const stepId of allSteps) {
    const answer = stepId.startsWith('rating')
      ? { kind: 'rating' as const, ratings: { samarbejdskompetence: 4 } }
      : { kind: 'questions' as const, answers: { 'looking-back-proud': 'HEMMELIGT om året', 'future-next-year': 'Mit mål for næste år' } };
    await repos.preparations.saveStep(demo.mette.aadObjectId, prep, stepId, answer, true);
    prep = (await repos.preparations.load(demo.mette.aadObjectId, cycle))!;
  }
  await repos.preparations.share(demo.mette.aadObjectId, prep, ['competences', 'theme-future-ambitions']);
  // Sofie: started, not finished, nothing shared.
  const sofie = await repos.preparations.start(demo.sofie.aadObjectId, cycle, 'hjemmeplejen-nord');
  await repos.preparations.saveStep(demo.sofie.aadObjectId, sofie, 'theme-looking-back', { kind: 'questions', answers: { 'looking-back-proud': 'SOFIES svar' } }, true);
});

const textOf = (replies: Awaited<ReturnType<typeof harness.say>>) => replies.map(visibleText).join('\n');

describe('a leader\'s department card', () => {
  it('when Lars asks for "min afdeling", then he sees counts and who has not prepared — never anyone\'s answers', async () => {
    const text = textOf(await harness.say(demo.lars, 'min afdeling'));
    expect(text).toContain('Hjemmeplejen Nord');
    expect(text).toMatch(/Medarbejdere\n10/);
    expect(text).toMatch(/Har forberedt sig\n1/);
    expect(text).toMatch(/Har delt med dig\n1/);
    expect(text).toContain('Sofie Hansen');
    expect(text).toContain('Se det delte');
    expect(text).not.toContain('SOFIES svar');
    expect(text).not.toContain('HEMMELIGT');
    expect(text).not.toContain('Lars Nielsen');
  });

  it('when Lars opens what Mette shared, then he sees exactly the shared sections', async () => {
    const text = textOf(await harness.submit(demo.lars, { verb: 'dept.openShared', ownerId: demo.mette.aadObjectId }));
    expect(text).toContain('Mette Jensen har delt sin MUS-forberedelse med dig');
    expect(text).toContain('Mit mål for næste år');
    expect(text).toContain('Mine kompetencer');
    expect(text).not.toContain('HEMMELIGT');
  });

  it("when the leader of the parent department asks, then the sub-department is included; another department's leader is refused", async () => {
    const parent = textOf(await harness.say(jens, 'min afdeling'));
    expect(parent).toContain('Social og Sundhed');
    expect(parent).toContain('Hjemmeplejen Nord');
    expect(textOf(await harness.submit(jens, { verb: 'dept.openShared', ownerId: demo.mette.aadObjectId }))).toContain('Mit mål for næste år');

    const other = textOf(await harness.submit(birgitte, { verb: 'dept.openShared', ownerId: demo.mette.aadObjectId }));
    expect(other).toContain('Det har du ikke adgang til');
    expect(other).not.toContain('Mit mål');
  });

  it('when an employee or an unknown user asks for the department, then they get no figures', async () => {
    expect(textOf(await harness.say(demo.mette, 'min afdeling'))).toContain('ikke registreret som leder');
    expect(textOf(await harness.say(demo.stranger, 'my department', { locale: 'en-US' }))).toContain('not registered');
    expect(textOf(await harness.submit(demo.mette, { verb: 'dept.openShared', ownerId: demo.sofie.aadObjectId }))).toContain('ikke adgang');
  });

  it('when a leader opens someone who shared nothing, then there is nothing to see', async () => {
    expect(textOf(await harness.submit(demo.lars, { verb: 'dept.openShared', ownerId: demo.sofie.aadObjectId }))).toContain('kunne jeg ikke finde');
  });
});

describe('starting a MUS round', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const cardText = (replies: Awaited<ReturnType<typeof harness.say>>) => {
    const invoke = replies.find((r) => r.type === 'invokeResponse');
    return visibleText({ attachments: [{ contentType: 'x', content: (invoke!.value as { body: { value: unknown } }).body.value }] });
  };

  it('when Lars starts a round, then everyone reachable is invited once, and those the bot cannot reach are named', async () => {
    await harness.install(demo.sofie);
    const form = textOf(await harness.submit(demo.lars, { verb: 'round.form', departmentId: 'hjemmeplejen-nord' }));
    expect(form).toContain('Start MUS-runde for Hjemmeplejen Nord');

    const replies = await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline: inDays(30), includeSub: 'false' });
    const result = cardText(replies);
    expect(result).toContain('MUS-runden for Hjemmeplejen Nord er startet');
    expect(result).toMatch(/Inviteret nu\n2/);
    expect(result).toContain('Kan ikke nås endnu');
    expect(result).toContain('Karen Bach');
    expect(result).not.toContain('Mette Jensen,');
    const invitations = replies.filter((r) => r.type === 'message' && visibleText(r).includes('Tid til at forberede din MUS'));
    expect(invitations.map((r) => r.conversation?.id).sort()).toEqual([`a:personal-${demo.mette.aadObjectId}`, `a:personal-${demo.sofie.aadObjectId}`].sort());

    const again = await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline: inDays(40), includeSub: 'false' });
    expect(cardText(again)).toMatch(/Inviteret nu\n0/);
    expect(cardText(again)).toMatch(/Allerede inviteret\n2/);
    expect(again.filter((r) => r.type === 'message')).toHaveLength(0);
    expect((await harness.repos.rounds.get('hjemmeplejen-nord', cycle))?.deadline).toBe(inDays(40));
    const department = textOf(await harness.say(demo.lars, 'min afdeling'));
    expect(department).toContain(`Frist for forberedelsen:** ${formatterFor('da').date(inDays(40))}`);
    // The round's invitations went through the outbox: both delivered, none on the way.
    expect(department).toContain('Invitationer:** 2 leveret · 0 på vej');
  });

  it('when a round invites 2,000 people (more than one Table property holds), then all are recorded, in order, and none twice', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `0d1e2f30-0000-4000-8000-${String(100000 + i).padStart(12, '0')}`);
    await harness.repos.rounds.open('stor-afdeling', cycle, inDays(30), true, demo.jens.aadObjectId);
    await harness.repos.rounds.markInvited('stor-afdeling', cycle, ids.slice(0, 1500));
    await harness.repos.rounds.markInvited('stor-afdeling', cycle, [...ids.slice(1000, 2000), ids[0]!]);
    const round = await harness.repos.rounds.get('stor-afdeling', cycle);
    expect(round?.invited).toEqual(ids);
    expect((await harness.repos.rounds.open('stor-afdeling', cycle, inDays(40), true, demo.jens.aadObjectId)).invited).toHaveLength(2000);
  });

  it('when the deadline is missing or in the past, then the form comes back with the reason and nothing is sent', async () => {
    const past = await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline: '2020-01-01' });
    expect(cardText(past)).toContain('Fristen skal ligge efter i dag');
    expect(past.filter((r) => r.type === 'message')).toHaveLength(0);
    expect(cardText(await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline: '2027-02-30' }))).toContain('Fristen er ikke en gyldig dato');
    expect(cardText(await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord' }))).toContain('Vælg en frist');
  });

  it("when a leader tries to start a round for a department they do not lead, then it is refused and no one is invited", async () => {
    const refused = await harness.execute(demo.birgitte, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline: inDays(30) });
    expect(cardText(refused)).toContain('Det har du ikke adgang til');
    expect(refused.filter((r) => r.type === 'message')).toHaveLength(0);
    const employee = await harness.execute(demo.mette, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline: inDays(30) });
    expect(cardText(employee)).toContain('ikke adgang');
  });
});

describe('the competence profile', () => {
  const cardText = (replies: Awaited<ReturnType<typeof harness.say>>) => {
    const invoke = replies.find((r) => r.type === 'invokeResponse');
    return visibleText({ attachments: [{ contentType: 'x', content: (invoke!.value as { body: { value: unknown } }).body.value }] });
  };

  it('when Lars sets desired levels, then they are stored for this cycle and his employees see them on their rating cards', async () => {
    const opened = await harness.submit(demo.lars, { verb: 'profile.open', departmentId: 'hjemmeplejen-nord' });
    expect(textOf(opened)).toContain('Kompetenceprofil for Hjemmeplejen Nord');
    expect(JSON.stringify(opened)).toContain('"label":"Samarbejdskompetence"');

    const saved = cardText(await harness.execute(demo.lars, 'profile.save', { departmentId: 'hjemmeplejen-nord', d_samarbejdskompetence: '5', d_faglig_kompetence: '' }));
    expect(saved).toContain('Profilen er gemt');
    expect((await harness.repos.departmentSettings.getProfile('hjemmeplejen-nord', cycle))?.desired).toEqual({ samarbejdskompetence: 5 });

    const first = await harness.say(demo.sofie, 'forbered MUS');
    const version = Number((first[0]!.attachments![0]!.content as { actions: Array<{ data: { version: number } }> }).actions[0]!.data.version);
    expect(cardText(await harness.execute(demo.sofie, 'prep.goto', { version, target: 'rating-kultur' }))).toContain('Afdelingens ønskede niveau: 5 – Kan lære andre');
  });

  it('when a level is not on the scale, then nothing is saved and the card says which competence', async () => {
    const refused = cardText(await harness.execute(demo.lars, 'profile.save', { departmentId: 'hjemmeplejen-nord', d_samarbejdskompetence: '9' }));
    expect(refused).toContain('Samarbejdskompetence: vælg et niveau på skalaen');
    expect((await harness.repos.departmentSettings.getProfile('hjemmeplejen-nord', cycle))?.desired).toEqual({ samarbejdskompetence: 5 });
  });

  it("when another department's leader or an employee tries to change the profile, then it is refused", async () => {
    expect(cardText(await harness.execute(demo.birgitte, 'profile.save', { departmentId: 'hjemmeplejen-nord', d_samarbejdskompetence: '1' }))).toContain('ikke adgang');
    expect(textOf(await harness.submit(demo.mette, { verb: 'profile.open', departmentId: 'hjemmeplejen-nord' }))).toContain('ikke adgang');
    expect((await harness.repos.departmentSettings.getProfile('hjemmeplejen-nord', cycle))?.desired).toEqual({ samarbejdskompetence: 5 });
  });
});

describe("the leader's rating beside the self-rating", () => {
  const cardText = (replies: Awaited<ReturnType<typeof harness.say>>) => {
    const invoke = replies.find((r) => r.type === 'invokeResponse');
    return visibleText({ attachments: [{ contentType: 'x', content: (invoke!.value as { body: { value: unknown } }).body.value }] });
  };

  it('when Lars rates Mette, then he sees her shared self-rating beside his, and she sees both in her summary', async () => {
    const shared = await harness.submit(demo.lars, { verb: 'dept.openShared', ownerId: demo.mette.aadObjectId });
    expect(textOf(shared)).toContain('Tilføj min vurdering');
    const form = await harness.submit(demo.lars, { verb: 'leaderRating.open', ownerId: demo.mette.aadObjectId });
    expect(textOf(form)).toContain('Din vurdering af Mette Jensen');
    expect(textOf(form)).toContain('Samarbejdskompetence** — egen vurdering: 4 – Erfaren');

    const saved = cardText(await harness.execute(demo.lars, 'leaderRating.save', { ownerId: demo.mette.aadObjectId, l_samarbejdskompetence: '3' }));
    expect(saved).toContain('Din vurdering er gemt');
    expect((await harness.repos.preparations.getLeaderRating(demo.mette.aadObjectId, cycle))?.ratings).toEqual({ samarbejdskompetence: 3 });

    const summary = visibleText((await harness.say(demo.mette, 'forbered MUS'))[0]!);
    expect(summary).toContain('4 – Erfaren · Leder: 3 – Selvstændig');
  });

  it("when the employee did not share her self-rating, then the leader can still rate but does not see hers", async () => {
    const form = textOf(await harness.submit(demo.lars, { verb: 'leaderRating.open', ownerId: demo.sofie.aadObjectId }));
    expect(form).toContain('egen vurdering: ikke delt');
    expect(form).not.toContain('SOFIES svar');
  });

  it("when another department's leader tries to rate, or a rating is off the scale, then nothing is stored", async () => {
    expect(cardText(await harness.execute(demo.birgitte, 'leaderRating.save', { ownerId: demo.mette.aadObjectId, l_samarbejdskompetence: '1' }))).toContain('ikke adgang');
    expect(cardText(await harness.execute(demo.lars, 'leaderRating.save', { ownerId: demo.mette.aadObjectId, l_samarbejdskompetence: '8' }))).toContain('vælg et niveau på skalaen');
    expect((await harness.repos.preparations.getLeaderRating(demo.mette.aadObjectId, cycle))?.ratings).toEqual({ samarbejdskompetence: 3 });
  });
});
