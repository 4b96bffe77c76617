import { beforeAll, describe, expect, it } from 'vitest';
import { loadDomainData } from '../../src/data/loadDomainData';
import type { DomainData } from '../../src/domain/catalogue';
import { requireMember } from '../../src/services/identity';
import { preparationContext } from '../../src/services/preparation';
import { ConcurrencyError } from '../../src/storage/entityTable';
import { seedDemo } from '../../scripts/lib/demo';
import { testRepositories } from '../support/storage';

let repos: Awaited<ReturnType<typeof testRepositories>>;
let data: DomainData;
const mette = '0d1e2f30-0000-4000-8000-000000000001';
beforeAll(async () => {
  repos = await testRepositories();
  await seedDemo(repos);
  data = await loadDomainData();
});

describe('preparations in Table Storage', () => {
  it('when steps are saved, then they come back exactly, with the version counting every write', async () => {
    let prep = await repos.preparations.start(mette, '2031', 'hjemmeplejen-nord');
    await repos.preparations.saveStep(mette, prep, 'theme-looking-back', { kind: 'questions', answers: { a: 'æøå '.repeat(500), b: ['x', 'y'] } }, true);
    prep = (await repos.preparations.load(mette, '2031'))!;
    await repos.preparations.saveStep(mette, prep, 'rating-kultur', { kind: 'rating', ratings: { samarbejdskompetence: 4, selvledelseskompetence: 'na' } }, false);
    prep = (await repos.preparations.load(mette, '2031'))!;
    expect(prep.header.version).toBe(2);
    expect(prep.header.completedSteps).toEqual(['theme-looking-back']);
    expect(prep.answers.get('theme-looking-back')).toEqual({ kind: 'questions', answers: { a: 'æøå '.repeat(500), b: ['x', 'y'] } });
    expect(prep.answers.get('rating-kultur')).toEqual({ kind: 'rating', ratings: { samarbejdskompetence: 4, selvledelseskompetence: 'na' } });
    expect(await repos.preparations.load(mette, '2030')).toBeUndefined();
  });

  it('when two devices save from the same card at once, then exactly one write lands and the other is refused whole', async () => {
    const prep = await repos.preparations.start(mette, '2032', 'hjemmeplejen-nord');
    const results = await Promise.allSettled([
      repos.preparations.saveStep(mette, prep, 'theme-looking-back', { kind: 'questions', answers: { a: 'phone' } }, true),
      repos.preparations.saveStep(mette, prep, 'theme-looking-back', { kind: 'questions', answers: { a: 'desktop' } }, true),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConcurrencyError);
    const stored = (await repos.preparations.load(mette, '2032'))!;
    expect(stored.header.version).toBe(1);
    const winner = (results.findIndex((r) => r.status === 'fulfilled') === 0 ? 'phone' : 'desktop');
    expect(stored.answers.get('theme-looking-back')).toEqual({ kind: 'questions', answers: { a: winner } });
  });

  it('when a whole preparation is written at once, then it loads and lists exactly like one written step by step', async () => {
    const sofie = '0d1e2f30-0000-4000-8000-000000000003';
    let prep = await repos.preparations.start(mette, '2033', 'hjemmeplejen-nord');
    await repos.preparations.saveStep(mette, prep, 'theme-looking-back', { kind: 'questions', answers: { a: 'svar', b: ['x'] } }, true);
    prep = (await repos.preparations.load(mette, '2033'))!;
    await repos.preparations.saveStep(mette, prep, 'rating-kultur', { kind: 'rating', ratings: { samarbejdskompetence: 4, selvledelseskompetence: 'na' } }, true);
    await repos.preparations.saveLeaderRating(mette, '2033', 'leader-1', { samarbejdskompetence: 3 });
    const stepByStep = (await repos.preparations.load(mette, '2033'))!;

    await repos.preparations.writeWhole(sofie, stepByStep);
    const whole = (await repos.preparations.load(sofie, '2033'))!;
    expect({ ...whole, etag: '' }).toEqual({ ...stepByStep, etag: '' });
    const ratings = await repos.preparations.listRatings('2033');
    expect(ratings.get(sofie)).toEqual(ratings.get(mette));
    expect(ratings.get(sofie)).toEqual({ self: { samarbejdskompetence: 4, selvledelseskompetence: 'na' }, leader: { samarbejdskompetence: 3 } });
  });

  it('when the ratings of this and last cycle are listed together, then each cycle gets only its own, and no written answer comes along', async () => {
    const sofie = '0d1e2f30-0000-4000-8000-000000000003';
    const at = new Date().toISOString();
    const whole = (cycle: string, rating: number, leader?: number) => ({
      header: { type: 'header' as const, cycle, departmentId: 'hjemmeplejen-nord', version: 2, completedSteps: ['theme-looking-back', 'rating-kultur'], startedAt: at, updatedAt: at },
      answers: new Map([
        ['theme-looking-back', { kind: 'questions' as const, answers: { a: `hemmeligt ${cycle}` } }],
        ['rating-kultur', { kind: 'rating' as const, ratings: { samarbejdskompetence: rating } }],
      ]),
      ...(leader === undefined ? {} : { leaderRating: { type: 'leader-rating' as const, leaderId: 'l', ratings: { samarbejdskompetence: leader }, updatedAt: at } }),
    });
    await repos.preparations.writeWhole(mette, whole('2040', 2, 1));
    await repos.preparations.writeWhole(mette, whole('2041', 3));
    await repos.preparations.writeWhole(sofie, whole('2041', 5, 4));
    await repos.preparations.writeWhole(sofie, whole('2042', 1));

    const listed = await repos.preparations.listRatingsOf(['2041', '2040', '2039']);
    expect([...listed.keys()]).toEqual(['2041', '2040', '2039']);
    expect(Object.fromEntries(listed.get('2041')!)).toEqual({
      [mette]: { self: { samarbejdskompetence: 3 } },
      [sofie]: { self: { samarbejdskompetence: 5 }, leader: { samarbejdskompetence: 4 } },
    });
    expect(Object.fromEntries(listed.get('2040')!)).toEqual({ [mette]: { self: { samarbejdskompetence: 2 }, leader: { samarbejdskompetence: 1 } } });
    expect(listed.get('2039')!.size).toBe(0);
    expect(JSON.stringify([...listed.values()].map((m) => [...m]))).not.toContain('hemmeligt');
    expect(await repos.preparations.listRatings('2041')).toEqual(listed.get('2041'));
  });

  it("when a department has its own question set and desired levels, then its employees' steps use them", async () => {
    const cycle = String(new Date().getUTCFullYear());
    await repos.departmentSettings.setQuestionSet('hjemmeplejen-nord', 'employee', [
      { themeId: 'looking-back', questionIds: ['looking-back-proud'] },
      { themeId: 'development-goals', questionIds: ['goals-proposed'] },
    ]);
    await repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4 });
    const member = await requireMember(repos, mette, 'da-DK');
    const ctx = await preparationContext(repos, data, member.person, new Date());
    expect(ctx.steps.map((s) => s.id)).toEqual(['theme-looking-back', 'rating-udvikling', 'rating-kultur', 'rating-resultater', 'theme-development-goals']);
    expect(ctx.desired).toEqual({ samarbejdskompetence: 4 });

    const other = await requireMember(repos, '0d1e2f30-0000-4000-8000-000000000017', 'da-DK');
    expect((await preparationContext(repos, data, other.person, new Date())).steps).toHaveLength(9);
  });

  it('when a department set names a question the bank no longer has, then the default set is used', async () => {
    await repos.departmentSettings.setQuestionSet('borgerservice', 'employee', [{ themeId: 'looking-back', questionIds: ['removed-question'] }]);
    const member = await requireMember(repos, '0d1e2f30-0000-4000-8000-000000000017', 'da-DK');
    expect((await preparationContext(repos, data, member.person, new Date())).steps).toHaveLength(9);
  });
});
