import type { DomainData } from '../../src/domain/catalogue';
import { currentCycle } from '../../src/services/preparation';
import { publishReleases, type ReleaseReport } from '../../src/services/releases';
import type { Repositories } from '../../src/storage';

/** Publishes the figures as the release job does (this cycle and the last), at `now`. */
export function publish(repos: Repositories, data: DomainData, options: { now?: Date; threshold?: number } = {}): Promise<ReleaseReport[]> {
  const now = options.now ?? new Date();
  return publishReleases(repos, data, { now, threshold: options.threshold ?? 5, trigger: 'asked', owner: 'test', cycle: currentCycle(now) });
}
