/** Formats a threshold like { min: 7, max: 15, unit: '工作日' } → "7-15 工作日". */
export function formatThreshold(t: { min?: number | undefined; max?: number | undefined; unit: string }): string {
  if (t.min !== undefined && t.max !== undefined) return `${t.min}-${t.max} ${t.unit}`;
  if (t.max !== undefined) return `≤ ${t.max} ${t.unit}`;
  return `≥ ${t.min} ${t.unit}`;
}
