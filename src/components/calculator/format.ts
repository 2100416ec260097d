/** Small display helpers shared by the calculator views. */
import { ui } from '../../i18n/zh-CN/calculator.ts';
import { formatPay } from '../../lib/assessment/index.ts';
import type { AssessmentForm } from './calculator.svelte.ts';

/** The pay change as shown: "+110 元", "0 元", or "—" while months employed is empty. */
export function payText(form: AssessmentForm): string {
  return form.monthsMissing ? '—' : formatPay(form.result.payChange);
}

/** A note under the pay change, or ''. */
export function payNote(form: AssessmentForm): string {
  const t = ui.calculator.summary;
  const r = form.result;
  if (form.monthsMissing) return t.payMissing;
  if (!r.payFloats) return r.errors.some((e) => e.field === 'monthsEmployed') ? '' : t.payFirstMonths;
  return r.payChange !== r.payUncapped ? t.payCapped : '';
}
