import type { Repositories } from '../../src/storage';

/** The Entra object id of demo person number n (data/demo/organisation.csv). */
export const demoId = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Each person has rated themselves on the culture step (as finishing that step of a preparation does). */
export async function rateThemselves(
  repos: Repositories, personIds: readonly string[], cycle: string, departmentId: string, ratings: Record<string, number | 'na'>,
): Promise<void> {
  for (const personId of personIds) {
    const prep = await repos.preparations.start(personId, cycle, departmentId);
    await repos.preparations.saveStep(personId, prep, 'rating-kultur', { kind: 'rating', ratings }, true);
  }
}
