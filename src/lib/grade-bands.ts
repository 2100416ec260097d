/**
 * Grade bands from the sources' monthly assessment: >90 A, 80-90 B, 70-80 C, 65-70 D, 60-65 E,
 * below 60 fail. A band includes its lower bound ("80-90" is 80 ≤ score ≤ 90), and A needs more
 * than 90: so 90 → B, 80 → B, 70 → C, 65 → D, 60 → E. Quizzes, the chat report and the
 * assessment calculator use it.
 */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export const GRADE_BANDS: ReadonlyArray<{ grade: Grade; above?: number; atLeast?: number }> = [
  { grade: 'A', above: 90 },
  { grade: 'B', atLeast: 80 },
  { grade: 'C', atLeast: 70 },
  { grade: 'D', atLeast: 65 },
  { grade: 'E', atLeast: 60 },
] as const;

/** Grade for a score in percent (0-100). 90.5 → A, 90 → B, 80 → B, 60 → E, 59.9 → F (不及格). */
export function gradeFor(percent: number): Grade {
  if (!Number.isFinite(percent)) return 'F';
  for (const band of GRADE_BANDS) {
    if (band.above !== undefined ? percent > band.above : percent >= (band.atLeast ?? Infinity)) return band.grade;
  }
  return 'F';
}
