import { describe, expect, it } from 'vitest';
import { gradeFor } from '../../src/lib/grade-bands.ts';

describe('gradeFor', () => {
  it.each([
    [100, 'A'],
    [90.5, 'A'],
    [90, 'B'],
    [85, 'B'],
    [80, 'B'],
    [79.9, 'C'],
    [70, 'C'],
    [69, 'D'],
    [65, 'D'],
    [64, 'E'],
    [60, 'E'],
    [59.9, 'F'],
    [0, 'F'],
    [Number.NaN, 'F'],
  ] as const)('%s → %s', (score, grade) => {
    expect(gradeFor(score)).toBe(grade);
  });
});
