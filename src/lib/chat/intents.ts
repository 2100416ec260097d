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
import {
  excerpt,
  findAll,
  findGapped,
  folded,
  guaranteeDenials,
  inQuestionPair,
  isNegated,
  normalize,
  promiseDenied,
  splitClauses,
  type Folded,
} from './normalize.ts';

/**
 * Who does it: a phrase of looking into or taking care of something (查一下, 联系, 处理, 申请 …)
 * right after 您自己/你自己/您去 is the customer's job, not the agent's offer (您自己查一下).
 */
const CARE_VERB = /查|问|联系|处理|申请|找|核实|跟进|反馈/;
const CUSTOMER_DOES = /(?:您|你)(?:自己|可以自己|自行|去|先去)(?:去|再)?$|自己去$|自行$/;
function customersJob(clause: string, pos: number, phrase: string): boolean {
  return CARE_VERB.test(phrase) && CUSTOMER_DOES.test(clause.slice(Math.max(0, pos - 6), pos));
}

/**
 * Someone who is not there does not act: 领导现在不在 is no escalation. An intent about a person
 * (the built-in escalates-supervisor) does not count when the clause says right after the
 * phrase that the person is away.
 */
const PERSON_INTENTS = new Set(['escalates-supervisor']);
const AWAY = /^.{0,4}(?:不在|没在|下班|休假|出差|请假|没空|没时间|联系不上)/;
/**
 * … nor does one the clause talks about (组长还这样回您, 组长这么说是不对的, 组长态度也不好): the
 * person is what the customer complains of, not whom the agent goes to.
 */
const TALKED_ABOUT = /^.{0,2}(?:这样|那样|这么|那么|说的|说话|态度|回您|回你|的问题|不对|不好)/;
function absentSomeone(intent: CompiledIntent, clause: string, end: number): boolean {
  return PERSON_INTENTS.has(intent.id) && (AWAY.test(clause.slice(end)) || TALKED_ABOUT.test(clause.slice(end)));
}

/**
 * A phrase that starts or ends with a number matches only the whole number: 50元 is not in 150元,
 * 五十元 not in 一百五十元, 3米 not in 13米.
 */
const DIGIT = /[0-9.]/;
const CJK_NUMERAL = /[零一二两三四五六七八九十百千万]/;
const CJK_AMOUNT = /^[零一二两三四五六七八九十百千万]+(?:元|块|米|天|个|折|分钟|小时|年|月|倍|成)/;
function insideNumber(clause: string, pos: number, len: number, phrase: string): boolean {
  const before = clause[pos - 1] ?? '';
  const after = clause[pos + len] ?? '';
  if (/^[0-9]/.test(phrase) && DIGIT.test(before)) return true;
  if (/[0-9]$/.test(phrase) && DIGIT.test(after)) return true;
  return CJK_AMOUNT.test(phrase) && CJK_NUMERAL.test(before);
}

/**
 * A clause that only denies the one before it: 也不现实, 这是不可能的, 是做不到的, 谁都打不了包票
 * (做完跟明星一模一样，谁都打不了包票).
 */
const DENIED_BY_NEXT =
  /^(?:(?:那|这|这个|那个)?(?:也|都|是|就)?(?:不现实|不可能|做不到|办不到|不太可能|不太现实)(?:的)?[的了啊呀哦]?|(?:谁|任何人|哪个医生|哪家医院|没有人|没人)(?:都|也)?(?:打不了|不敢打|不能打|没法打|保证不了|不能保证|不敢保证)(?:包票|保票)?[的了啊呀哦]?)$/u;

export interface CompiledIntent {
  id: string;
  label: string;
  phrases: string[];
  /** Phrases that may match with a few light words inside (none that starts with a negation). */
  gappable: string[];
  unless: string[];
  negatable: boolean;
  amount: boolean;
  /** The scenario judges it as a promise beyond authority: a denied guarantee takes it back. */
  promise: boolean;
}

/**
 * A phrase with 您 also matches with 你, and the other way round: what the agent did (退给你的,
 * 理解你的心情) is substance whatever the form of address; calling the customer 你 is judged once,
 * by 三要 (checks.ts), not again by every key point that happens to be written with 您.
 */
function addressVariants(phrase: string): string[] {
  if (!/[您你]/.test(phrase)) return [phrase];
  return [phrase, phrase.replace(/您/g, '你'), phrase.replace(/你/g, '您')];
}

/**
 * 不用您去找物流, 不需要您再找找: telling the customer they need not do something takes it off
 * them. Even an intent whose phrases are never cancelled by a negation (`negatable: false`, for
 * blunt or blaming words that often contain one: 不可能, 不关我们) does not count right after these.
 */
const NO_NEED = /(?:不用|不必|无需|无须|用不着|不需要)(?:再|您|你|去|麻烦)*$/;
function noNeed(clause: string, pos: number): boolean {
  return NO_NEED.test(clause.slice(Math.max(0, pos - 8), pos));
}

/**
 * Built-in intents merged with the scenario's own (same id replaces the built-in), phrases
 * normalised. `promises`: the ids the scenario judges as promises beyond authority.
 */
export function compileIntents(
  own: Readonly<Record<string, IntentDef>> = {},
  promises: ReadonlySet<string> = new Set(),
): Map<string, CompiledIntent> {
  const out = new Map<string, CompiledIntent>();
  for (const [id, def] of Object.entries({ ...BUILTIN_INTENTS, ...own })) {
    const clean = (list: readonly string[]) => [...new Set(list.map(normalize).filter(Boolean).flatMap(addressVariants))];
    out.set(id, {
      id,
      label: def.label ?? id,
      phrases: clean(def.phrases),
      gappable: clean(def.phrases).filter((p) => p.length >= 2 && !/^[不没无别未]/.test(p)),
      unless: clean(def.unless),
      negatable: def.negatable,
      amount: def.amount,
      promise: promises.has(id),
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

  // A clause the next one denies (照着明星一模一样做，也不现实) says the opposite of its words.
  const denied = new Set(clauses.filter((c, i) => DENIED_BY_NEXT.test(clauses[i + 1]?.text ?? '')).map((c) => c.start));
  const denials = guaranteeDenials(clauses);
  for (const intent of intents.values()) {
    for (const [ci, clause] of clauses.entries()) {
      if (intent.unless.some((u) => clause.text.includes(u))) continue;
      if (denied.has(clause.start) && !intent.amount) continue;
      let hit: { phrase: string; pos: number; len: number } | undefined;
      const counts = (pos: number, len: number, phrase: string) =>
        !inQuestionPair(clause.text, pos) &&
        !(intent.negatable && isNegated(clause.text, pos, len)) &&
        !customersJob(clause.text, pos, phrase) &&
        !noNeed(clause.text, pos) &&
        !absentSomeone(intent, clause.text, pos + len) &&
        !(intent.promise && promiseDenied(clauses, denials, ci, pos)) &&
        !insideNumber(clause.text, pos, len, phrase);
      for (const phrase of intent.phrases) {
        const pos = findAll(clause.text, phrase).find((p) => counts(p, phrase.length, phrase));
        if (pos !== undefined) hit = { phrase, pos, len: phrase.length };
        if (hit) break;
      }
      // A few characters inside a phrase (道个歉, 您这边更希望): only when no exact phrase matched,
      // and never for a phrase that starts with a negation (没法直接取消 explains, 没法取消 refuses).
      for (const phrase of hit ? [] : intent.gappable) {
        const gapped = findGapped(clause.text, phrase).find(([a, b]) => counts(a, b - a, phrase));
        if (gapped) hit = { phrase, pos: gapped[0], len: gapped[1] - gapped[0] };
        if (hit) break;
      }
      if (intent.amount) {
        if (!hit && !clause.text.includes('折')) continue;
        const amounts = findAmounts(clause.text, price).filter((a) => !isNegated(clause.text, a.index, a.text.length));
        const zhe = amounts.find((a) => a.zhe !== undefined);
        if (!hit && zhe) hit = { phrase: zhe.text, pos: zhe.index, len: zhe.text.length };
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
        hits.set(intent.id, { intent: intent.id, phrase: hit.phrase, evidence: excerpt(f, clause.start + hit.pos, hit.len) });
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
    for (const pos of findAll(f.text, phrase))
      if (!inQuestionPair(f.text, pos)) out.push({ phrase: raw, pos, evidence: excerpt(f, pos, phrase.length) });
  }
  return out.sort((a, b) => a.pos - b.pos);
}
