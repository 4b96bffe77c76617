import { describe, expect, it } from 'vitest';
import { anonymityThreshold, statsOf } from '../../src/domain/gaps';

describe('a figure and the threshold', () => {
  it('when people rate, then the figure counts them, gives the mean to two decimals and how many gave each level', () => {
    expect(statsOf([2, 4, 3], 5)).toEqual({ respondents: 3, mean: 3, distribution: [0, 1, 1, 1, 0] });
    expect(statsOf([1, 2, 2], 5)).toEqual({ respondents: 3, mean: 1.67, distribution: [1, 2, 0, 0, 0] });
    expect(statsOf([], 5)).toBeUndefined();
  });

  it('when the threshold is configured below 3, then 3 is used; the default is 5', () => {
    expect(anonymityThreshold(undefined)).toBe(5);
    expect(anonymityThreshold(1)).toBe(3);
    expect(anonymityThreshold(7)).toBe(7);
  });
});
