/**
 * The statistics of a figure (how many, the mean, the distribution over the scale's levels) and
 * the anonymity threshold. Which figures may be shown, and when they may change, is decided by
 * the releases (src/domain/releases.ts). Pure: no I/O.
 */

export interface LevelStats {
  respondents: number;
  mean: number;
  /** How many gave each level, index 0 = level 1. */
  distribution: number[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The statistics of some levels (1..levels); undefined for none. */
export function statsOf(values: readonly number[], levels: number): LevelStats | undefined {
  if (values.length === 0) return undefined;
  const distribution = Array.from({ length: levels }, () => 0);
  for (const v of values) distribution[v - 1]! += 1;
  return { respondents: values.length, mean: round2(values.reduce((a, b) => a + b, 0) / values.length), distribution };
}

/** The anonymity threshold: configurable, default 5, never below 3. */
export const defaultAnonymityThreshold = 5;
export const minimumAnonymityThreshold = 3;

export function anonymityThreshold(configured: number | undefined): number {
  return Math.max(minimumAnonymityThreshold, Math.floor(configured ?? defaultAnonymityThreshold));
}
