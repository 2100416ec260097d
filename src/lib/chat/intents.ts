/**
 * Intent matching: which named synonym groups an agent's message contains.
 *
 * A phrase counts when it occurs in the normalised message (normalize.ts), is not inside a
 * longer word that means something else (申请 ≠ 请), is not negated in its clause (不能便宜,
 * 没有赠品; unless the intent sets `negatable: false`), and its clause holds none of the intent's
 * `unless` phrases. An intent with `amount: true` only counts in a clause that also names an
 * amount (便宜30元, 减二十, 打8折; see amounts.ts): “已经很优惠了” is not a discount promise.
 */
import type { IntentDef } from '../../schemas/scenario.ts';
import { BUILTIN_INTENTS } from './builtin-intents.ts';
import { findAmounts } from './amounts.ts';
import { excerpt, findAll, folded, isNegated, normalize, splitClauses, type Folded } from './normalize.ts';

export interface CompiledIntent {
  id: string;
  label: string;
  phrases: string[];
  unless: string[];
  negatable: boolean;
  amount: boolean;
}

/** Built-in intents merged with the scenario's own (same id replaces the built-in), phrases normalised. */
export function compileIntents(own: Readonly<Record<string, IntentDef>> = {}): Map<string, CompiledIntent> {
  const out = new Map<string, CompiledIntent>();
  for (const [id, def] of Object.entries({ ...BUILTIN_INTENTS, ...own })) {
    const clean = (list: readonly string[]) => [...new Set(list.map(normalize).filter(Boolean))];
    out.set(id, {
      id,
      label: def.label ?? id,
      phrases: clean(def.phrases),
      unless: clean(def.unless),
      negatable: def.negatable,
      amount: def.amount,
    });
  }
  return out;
}

export interface IntentHit {
  /** Intent id. */
  intent: string;
  /** The phrase (or amount) that matched, compact form. */
  phrase: string;
  /** An excerpt around it. */
  evidence: string;
}

export interface DiscountPromise {
  /** Amount in yuan, when it can be told (打8折 without a product price cannot). */
  yuan?: number;
  /** The 折 figure, for 打X折. */
  zhe?: number;
  /** An excerpt around it. */
  evidence: string;
}

export interface MessageAnalysis {
  /** The compact normalised text. */
  text: string;
  /** The text with its position map, for quoting the original words. */
  folded: Folded;
  /** First hit per intent id. */
  hits: Map<string, IntentHit>;
  /** Discount promises read from `amount` intents. */
  discounts: DiscountPromise[];
}

/** Analyses one agent message against the compiled intents. `price` converts 打X折 into yuan. */
export function analyseMessage(raw: string, intents: ReadonlyMap<string, CompiledIntent>, price?: number): MessageAnalysis {
  const f = folded(raw);
  const text = f.text;
  const hits = new Map<string, IntentHit>();
  const discounts: DiscountPromise[] = [];
  const clauses = splitClauses(text);

  for (const intent of intents.values()) {
    for (const clause of clauses) {
      if (intent.unless.some((u) => clause.text.includes(u))) continue;
      let hit: { phrase: string; pos: number } | undefined;
      for (const phrase of intent.phrases) {
        for (const pos of findAll(clause.text, phrase)) {
          if (intent.negatable && isNegated(clause.text, pos, phrase.length)) continue;
          hit = { phrase, pos };
          break;
        }
        if (hit) break;
      }
      if (intent.amount) {
        if (!hit && !clause.text.includes('折')) continue;
        const amounts = findAmounts(clause.text, price).filter((a) => !isNegated(clause.text, a.index, a.text.length));
        const zhe = amounts.find((a) => a.zhe !== undefined);
        if (!hit && zhe) hit = { phrase: zhe.text, pos: zhe.index };
        if (!hit || amounts.length === 0) continue;
        // One promise per clause: the largest amount in yuan (便宜30元 is read by two patterns).
        const best = amounts.reduce((a, b) => ((b.yuan ?? -1) > (a.yuan ?? -1) ? b : a));
        discounts.push({
          ...(best.yuan !== undefined ? { yuan: best.yuan } : {}),
          ...(best.zhe !== undefined ? { zhe: best.zhe } : {}),
          evidence: excerpt(f, clause.start + best.index, best.text.length),
        });
      }
      if (hit && !hits.has(intent.id)) {
        hits.set(intent.id, { intent: intent.id, phrase: hit.phrase, evidence: excerpt(f, clause.start + hit.pos, hit.phrase.length) });
      }
      if (hits.has(intent.id) && !intent.amount) break;
    }
  }
  return { text, folded: f, hits, discounts };
}

/** Occurrences of a plain phrase list in a message (no negation: used for polite and banned words). */
export function findPhrases(f: Folded, phrases: readonly string[]): { phrase: string; pos: number; evidence: string }[] {
  const out: { phrase: string; pos: number; evidence: string }[] = [];
  for (const raw of phrases) {
    const phrase = normalize(raw);
    for (const pos of findAll(f.text, phrase)) out.push({ phrase: raw, pos, evidence: excerpt(f, pos, phrase.length) });
  }
  return out.sort((a, b) => a.pos - b.pos);
}
