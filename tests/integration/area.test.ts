import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { botHarness, demo, type DemoUser, visibleText } from '../support/botHarness';
import { demoId, rateThemselves } from '../support/ratings';
import { snapshotTables } from '../support/tableSnapshot';

// The MED-udvalg, Hovedudvalget and the tillidsrepræsentant as roles (demo: Sofie sits in Social
// og Sundhed's MED-udvalg, Anne is the TR of Hjemmeplejen Nord, Maria sits in Hovedudvalget),
// through the real bot on Azurite: they read released figures and approved action plans of their
// area, read-only, and every read is in the audit log.
let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = String(new Date().getUTCFullYear());
const sofie = demo.sofie;
const anne: DemoUser = { aadObjectId: demoId(7), name: 'Anne Kristensen' };
const maria: DemoUser = { aadObjectId: demoId(13), name: 'Maria Rasmussen' };

const open = async (user: DemoUser, verb: string, departmentId: unknown) => visibleText((await harness.submit(user, { verb, departmentId }))[0]!);
const auditOf = async (subject: string) => harness.repos.audit.forSubject(subject, 20);

beforeAll(async () => {
  harness = await botHarness();
  await harness.repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4 });
  // Seven in Hjemmeplejen Nord rate themselves; three in Borgerservice (too few to show).
  await rateThemselves(harness.repos, [1, 3, 4, 7, 8, 9, 10].map(demoId), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 3, kommunikationskompetence: 'na' });
  await rateThemselves(harness.repos, [17, 18, 19].map(demoId), cycle, 'borgerservice', { samarbejdskompetence: 2, kommunikationskompetence: 'na' });
  await harness.publish();
});

describe('the MED-udvalg, Hovedudvalget and the tillidsrepræsentant', () => {
  it('when Sofie (MED, Social og Sundhed) types "mit område", then she sees her area with its released count, and the departments in it — not Borgerservice', async () => {
    const [reply] = await harness.say(sofie, 'mit område');
    const text = visibleText(reply!);
    expect(text).toContain(`Mit område (${cycle})`);
    expect(text).toContain('MED-udvalget for Social og Sundhed');
    expect(text).toContain('7 har vurderet sig selv');
    expect(text).toContain('Hjemmeplejen Nord');
    expect(text).not.toContain('Borgerservice');
    expect((await auditOf('department:social-sundhed')).map((e) => [e.readerId, e.kind])).toEqual([[sofie.aadObjectId, 'area-figures']]);
  });

  it("when Sofie opens Hjemmeplejen Nord's figures, then she sees what its leader sees, read-only (no export, no sharing), and the read is in the audit log", async () => {
    const hers = await open(sofie, verbs.areaFigures, 'hjemmeplejen-nord');
    const lars = visibleText((await harness.submit(demo.lars, { verb: verbs.gapsOpen, departmentId: 'hjemmeplejen-nord' }))[0]!);
    expect(hers).toContain(`Kompetencegab – Hjemmeplejen Nord (${cycle})`);
    expect(hers).toContain('Nu 3 · Ønsket 4 · Gab 1');
    expect(lars).toContain('Nu 3 · Ønsket 4 · Gab 1');
    expect(lars).toContain('Eksportér');
    expect(hers).not.toContain('Eksportér');
    expect(hers).not.toContain('Del med teamet');
    const entries = await auditOf('department:hjemmeplejen-nord');
    expect(entries.map((e) => [e.readerId, e.kind, e.detail])).toEqual([[sofie.aadObjectId, 'area-figures', `Hjemmeplejen Nord ${cycle}`]]);
  });

  it('when Sofie forges a card for Borgerservice, outside her area, then she is refused and nothing is written (not even an audit entry)', async () => {
    const before = await snapshotTables(harness.repos.prefix, ['conversations', 'activities']);
    expect(await open(sofie, verbs.areaFigures, 'borgerservice')).toContain('Det har du ikke adgang til.');
    expect(await open(sofie, verbs.areaFigures, '*')).toContain('Det har du ikke adgang til.');
    expect(await snapshotTables(harness.repos.prefix, ['conversations', 'activities'])).toEqual(before);
  });

  it('when Anne, the TR of Hjemmeplejen Nord, opens figures, then her department is shown and the parent area is refused', async () => {
    expect(await open(anne, verbs.areaFigures, 'hjemmeplejen-nord')).toContain('Nu 3 · Ønsket 4 · Gab 1');
    expect(await open(anne, verbs.areaFigures, 'social-sundhed')).toContain('Det har du ikke adgang til.');
    expect(visibleText((await harness.say(anne, 'mit område'))[0]!)).toContain('Tillidsrepræsentant for Hjemmeplejen Nord');
  });

  it('when Maria (Hovedudvalget) opens the whole municipality, then she sees its released figures; Borgerservice, with three ratings, shows no figure', async () => {
    const overview = visibleText((await harness.say(maria, 'mit område'))[0]!);
    expect(overview).toContain('Hovedudvalget – Hele kommunen');
    expect(overview).toContain('Borgerservice');
    expect(await open(maria, verbs.areaFigures, '*')).toContain('Kompetencegab – Hele kommunen');
    const borgerservice = await open(maria, verbs.areaFigures, 'borgerservice');
    expect(borgerservice).not.toMatch(/Nu \d/);
    expect(borgerservice).toContain('3 har vurderet sig selv');
    expect((await auditOf('municipality')).map((e) => e.readerId)).toContain(maria.aadObjectId);
  });

  it("when Hjemmeplejen Nord's action plan was approved and then changed to a draft, then Sofie reads the approved version only, and the read is in the audit log", async () => {
    const item = { goal: 'Sidemandsoplæring i forflytning', competenceId: 'samarbejdskompetence', activityId: 'sidemandsoplaering', owner: 'Lars', due: `${cycle}-10-01` };
    await harness.repos.actionPlans.save('hjemmeplejen-nord', cycle, [item], demo.lars.aadObjectId, true, undefined, undefined);
    const approved = await harness.repos.actionPlans.get('hjemmeplejen-nord', cycle);
    await harness.repos.actionPlans.save('hjemmeplejen-nord', cycle, [{ ...item, goal: 'Et udkast, ingen må se' }], demo.lars.aadObjectId, false, approved!.etag, approved!.plan);

    expect(visibleText((await harness.say(sofie, 'mit område'))[0]!)).toContain('Hjemmeplejen Nord: version 1, godkendt');
    const plan = await open(sofie, verbs.areaActionPlan, 'hjemmeplejen-nord');
    expect(plan).toContain('Godkendt version 1');
    expect(plan).toContain('Sidemandsoplæring i forflytning');
    expect(plan).not.toContain('Et udkast');
    expect((await auditOf('department:hjemmeplejen-nord')).map((e) => e.kind)).toContain('area-action-plan');
    expect(await open(sofie, verbs.areaActionPlan, 'social-sundhed')).toContain('Det kunne jeg ikke finde.');
    expect(await open(sofie, verbs.areaActionPlan, 'borgerservice')).toContain('Det har du ikke adgang til.');
  });

  it('when HR reads the audit log, then a MED read names the department', async () => {
    const replies = await harness.say(demo.camilla, 'revisionslog');
    expect(visibleText(replies[0]!)).toContain('Sofie Hansen så Hjemmeplejen Nord: områdets tal (MED/TR)');
  });

  it('when Mette, who holds none of these roles, asks for "mit område" or forges its cards, then she is told and refused, in English for Ahmad', async () => {
    expect(visibleText((await harness.say(demo.mette, 'mit område'))[0]!)).toContain('Du er ikke registreret i et MED-udvalg');
    expect(await open(demo.mette, verbs.areaFigures, 'hjemmeplejen-nord')).toContain('Det har du ikke adgang til.');
    expect(visibleText((await harness.say(demo.ahmad, 'my area', { locale: 'en-US' }))[0]!)).toContain('You are not registered in a MED committee');
  });
});
