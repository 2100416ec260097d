/**
 * Grade bands from the sources' monthly assessment: >90 A, 80-90 B, 70-80 C, 65-70 D, 60-65 E,
 * below 60 fail. Boundaries: a score exactly on a boundary takes the lower band, except that
 * 90 is B and 60 is E (">90" is A; "60-65" includes 60). Quizzes and the chat report use it.
 */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export const GRADE_BANDS: ReadonlyArray<{ grade: Grade; above: number }> = [
  { grade: 'A', above: 90 },
  { grade: 'B', above: 80 },
  { grade: 'C', above: 70 },
  { grade: 'D', above: 65 },
  { grade: 'E', above: 60 },
];

/** Grade for a score in percent (0-100). 90 → B, 90.5 → A, 60 → E, 59.9 → F. */
export function gradeFor(percent: number): Grade {
  if (!Number.isFinite(percent)) return 'F';
  for (const band of GRADE_BANDS) {
    if (percent > band.above) return band.grade;
  }
  return percent >= 60 ? 'E' : 'F';
}
