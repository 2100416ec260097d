/**
 * Query side of the pipeline: analyses what was typed with the same folding and tokenizer as the
 * index, adds synonyms, and runs the terms on lunr with Index#query, one `Query#term` clause per
 * term (lunr's own query parser splits on spaces only, which means nothing in Chinese; our terms
 * skip lunr's pipeline, they are already ours). lunr expands prefixes and typos on its token set
 * and scores (BM25). Then a re-ranking on top of lunr's scores: documents that match more of the
 * query (weighted by how rare each term is) and documents that contain the whole query come first;
 * the kind of entry the query asks for (a reply, a rule, a step) weighs more. The re-ranking
 * reads the index only (which fields of a document hold which terms, and the title every stub
 * holds), never the documents' texts, so it runs before any text is fetched.
 */
import lunr from 'lunr';
import { fold, isHan } from './normalise.ts';
import { hanPairs, isWord, runs, runTokens, words } from './tokenize.ts';
import { KIND_SUFFIXES, SYNONYM_GROUPS } from './synonyms.ts';
import { NUMERALS, TRADE_WORDS, UNIT_ALIASES } from './query-words.ts';
import { understand, type QueryIntent } from './understand.ts';
import { correctPair } from './homophones.ts';
import { KEY_FIELDS_MASK, SEARCH_FIELDS } from './fields.ts';
import { refPosition, type LoadedSearchIndex } from './load-index.ts';
import type { SearchDoc, SearchKind } from './documents.ts';

/** Only the first this-many letters and digits of a query are used (a pasted essay stays fast). */
export const MAX_QUERY_CHARS = 48;
/** Weight of a synonym's terms relative to a typed term. */
const SYNONYM_WEIGHT = 0.5;
const UNKNOWN_SYNONYM_WEIGHT = 1;
/**
 * How much each kind weighs, by the kind of answer the query asks for (understand.ts). A customer's
 * situation wants the reply to copy: scripts first. A question about a rule or a number (多久,
 * 几声, 超过多少) wants the standard or the step that states it, not a reply that only mentions
 * the topic. A few words of a topic (交接班, 旗帜颜色) may be any kind: the text decides.
 */
const KIND_WEIGHT: Record<QueryIntent, Record<SearchKind, number>> = {
  situation: { script: 1, workflow: 0.85, step: 0.8, standard: 0.75 },
  rule: { script: 0.55, workflow: 0.45, step: 1, standard: 1.1 },
  duty: { script: 0.6, workflow: 0.85, step: 1, standard: 1 },
  topic: { script: 0.9, workflow: 1, step: 0.85, standard: 1 },
};
/**
 * A Han character left alone between dropped words (巡 in 物业管家每天要巡什么, 接 in 几声要接, 床
 * in 2米的床) names the topic as much as any word, but the index has no term for it alone: it
 * stands for the words of the index that start with it (巡 → 巡视, 巡查), the most used ones, at
 * most LONE_WORDS of them, searched like synonyms. It weighs LONE_WEIGHT in the coverage (a word
 * of two characters typed weighs its rarity, about 3 to 6): one character says less than a word.
 */
const LONE_WORDS = 6;
const LONE_WEIGHT = 1.5;
/** Weight in the coverage of a synonym group the query names only through dropped question words (几天能到). */
const UNTYPED_WEIGHT = 3;
/** Weight of a pair searched in place of a typo (快递 for 快第). */
const TYPO_WEIGHT = 0.9;
/** Queries longer than this are not corrected (see correctTypos). */
const TYPO_MAX_CHARS = 6;
/** Weight of a number typed (a number in the rule helps; an order number or a price should not lead). */
const NUMBER_WEIGHT = 0.4;
/**
 * A number in words in a customer's message (签三年, 付款三天了, 问了三遍) tells the case, not the
 * topic, and its pairs are rare: it weighs as a number typed in digits. Not in a rule question
 * (三天内 may be the rule) nor in a few words (三要三不, 五清楚 are names).
 */
const WORD_NUMBER = /^(?:\p{Script=Han}?[两二三四五六七八九十半百千万]\p{Script=Han}?|一[个次天年周月件遍张位])$/u;
/** Extra weight of the kind a query asks for with a suffix word (撤单流程 → workflows). */
const KIND_HINT_WEIGHT = 1.6;
/** … and of an entry whose title holds that word itself (招商流程 → 商业招商工作流程, not 主力店招商谈判). */
const KIND_WORD_WEIGHT = 1.2;
/**
 * Bonus of an entry whose whole title the query names among other words: 剛剛好像地震了…要不要躲到
 * 樓梯下面 names the step 地震, which beats a reply that shares more of the incidental words (楼梯).
 * Not when the query is the title alone (色差: the phrase bonus below already counts, and the reply
 * to copy may still come first).
 */
const TITLE_IN_QUERY = 1.6;
/** Bonus when the title, customer words, tags or summary hold every term of the query. */
const PHRASE_BONUS = 1.5;
/** … or the document as a whole does. */
const PHRASE_BONUS_BODY = 1.15;
/**
 * A title that names a short query only as the time of something else (投诉处理后回访 for
 * 投诉处理: a callback after the complaint; 交接班后迎客) is about that other thing: no phrase
 * bonus, and this weight instead. Read at the query's last word (客诉处理 → 处理后).
 */
const TIME_OF_OTHER = 0.7;
/**
 * A few words naming a topic (退款) want the entry about it, before one whose title asks a
 * narrower question about it (退款多久到账, 什么时候退款).
 */
const NARROW_TITLE = /多久|多长时间|什么时候|几天|多少/u;
const NARROW_WEIGHT = 0.9;
const AFTER_QUERY = /^(?:之|以)?[后前]\p{Script=Han}/u;
/**
 * Bonus of an entry that holds a number in the unit a question asks for (understand.ts `units`):
 * for 电话响几声要接 the standard 三声内接听, not the step that only mentions phone calls.
 */
const UNIT_BONUS = 1.8;
/** Weight in the coverage of a pair across two words of the query (the words themselves say more). */
const STRADDLE_WEIGHT = 0.5;
/** Weight of the terms that write a number in a unit the query names (三声 for 几声). */
const UNIT_WEIGHT = 0.5;
/** The terms that write a number in these units (三声, 两次; a lone 声 after digits: 3 声; 分钟 itself). */
function numberTerms(units: readonly string[]): string[] {
  return unique(
    units
      .flatMap((unit) => [unit, ...(UNIT_ALIASES[unit] ?? [])])
      .flatMap((u) => (Array.from(u).length === 1 ? [u, ...NUMERALS.map((n) => n + u)] : [u])),
  );
}
/** Bonus of an entry of the trade a query names (query-words.ts TRADE_WORDS: 美容院, 物业, 租金 …). */
const TRADE_BONUS = 1.35;
/** Documents re-ranked in detail (the rest keep lunr's order below them). */
const RERANK = 80;
/** Postings lunr may walk for one query: this many per document of the index, at least MIN_POSTINGS. */
const POSTINGS_PER_DOC = 0.15;
const MIN_POSTINGS = 1500;

export interface QueryTerm {
  term: string;
  boost: number;
  /** Matches every indexed term starting with `term` (a lone character, a Latin word being typed). */
  prefix?: boolean;
  /** A pair across two words of the query (户吵 in 客户吵架): it counts less in the coverage. */
  straddles?: true;
  /** The pairs before and after this pair in the query (回访 and 记录 around 访记): see `holds`. */
  between?: [string, string];
  /** From the clause that asks, in a message told in several clauses (understand.ts ASKING_CLAUSE). */
  focus?: true;
}

/** Weight of the terms of the clause that asks (lunr boost and coverage). */
export const FOCUS_WEIGHT = 1.5;

export interface SynonymExpansion {
  /** The typed terms this group stands for (they count as matched when a synonym matches). */
  covers: string[];
  /** Terms of the other members. */
  terms: string[];
  /** The members not typed, folded. */
  alternatives: string[];
  /** All members, folded (for highlighting). */
  members: string[];
  /** Words standing for a lone character (LONE_WORDS), not a synonym group. */
  lone?: true;
}

export interface AnalysedQuery {
  /** The query folded, without punctuation and spaces, cut to MAX_QUERY_CHARS. */
  compact: string;
  terms: QueryTerm[];
  synonyms: SynonymExpansion[];
  /** Folded strings to highlight in results. */
  highlight: string[];
  /** The kind asked for with a suffix word (撤单流程), if any. */
  kindHint?: SearchKind;
  /** The word that asked for it (流程), dropped from the terms. */
  kindWord?: string;
  /** The kind of answer asked for (understand.ts). */
  intent: QueryIntent;
  /** The units a question about a number asks for (understand.ts), if any. */
  units?: string[];
  /** Of those, the ones the query names (几声): entries holding a number in them are searched too. */
  namedUnits?: string[];
  /** Han characters left alone between dropped words (see LONE_WORDS). */
  lone?: string[];
}

export interface SearchFilters {
  /** Only entries of this stage (售前 …). */
  stage?: string | null;
  /** Only entries of this track id. */
  track?: string | null;
  /** Only these kinds. */
  kinds?: readonly SearchKind[] | null;
}

export interface SearchOptions extends SearchFilters {
  /** Maximum number of hits (default 20). */
  limit?: number;
}

export interface SearchHit {
  doc: SearchDoc;
  /** Position of the document in the store. */
  ref: number;
  score: number;
}

export interface SearchResponse {
  query: AnalysedQuery;
  hits: SearchHit[];
  /** Number of matching documents before the limit. */
  total: number;
}

/** One clause of a lunr query: a term of our pipeline and how lunr matches it. */
export interface QueryClause {
  term: string;
  boost: number;
  /** Every indexed term starting with `term` (lunr's trailing wildcard). */
  prefix?: boolean;
  /** Every indexed term at most one edit away (lunr's `editDistance: 1`). */
  fuzzy?: boolean;
}

export interface IndexMatch {
  /** Position of the document (see `lunrRef`). */
  ref: number;
  score: number;
}

/**
 * Runs the clauses with lunr's Index#query: one `Query#term` per clause, the term as our pipeline
 * made it (`usePipeline: false`), with its boost, lunr's trailing wildcard for a prefix and edit
 * distance 1 for a typo. The matches best first (lunr's score, then position).
 */
export function lunrQuery(index: lunr.Index, clauses: readonly QueryClause[]): IndexMatch[] {
  if (!clauses.length) return [];
  return index
    .query((q) => {
      for (const c of clauses) {
        q.term(c.term, {
          boost: c.boost,
          usePipeline: false,
          wildcard: c.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          ...(c.fuzzy ? { editDistance: 1 } : {}),
        });
      }
    })
    .map((r) => ({ ref: refPosition(r.ref), score: r.score }))
    .sort((a, b) => b.score - a.score || a.ref - b.ref);
}

const foldedGroups: string[][] = SYNONYM_GROUPS.map((g) => [...new Set(g.map((m) => fold(m)).filter((m) => Array.from(m).length >= 2))]);
/** The two-character words of the synonym groups: words of the trade (see expandLone). */
const synonymWords = new Set(foldedGroups.flat().filter((m) => Array.from(m).length === 2));

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

/** Turns whatever was typed into query terms. Never throws; empty input gives no terms. */
export function analyseQuery(input: unknown): AnalysedQuery {
  const parts = runs(fold(typeof input === 'string' ? input : ''));
  // Keep the first MAX_QUERY_CHARS word characters.
  const kept: string[] = [];
  let budget = MAX_QUERY_CHARS;
  for (const run of parts) {
    if (budget <= 0) break;
    const chars = Array.from(run).slice(0, budget);
    budget -= chars.length;
    kept.push(chars.join(''));
  }
  let compact = kept.join('');
  if (!compact) return { compact, terms: [], synonyms: [], highlight: [], intent: 'situation' };
  let kindHint: SearchKind | undefined;
  let kindWord: string | undefined;
  for (const [suffix, kind] of Object.entries(KIND_SUFFIXES)) {
    if (compact.endsWith(suffix) && Array.from(compact).length - Array.from(suffix).length >= 2) {
      kindHint = kind;
      kindWord = suffix;
      compact = compact.slice(0, -suffix.length);
      const last = kept.length - 1;
      kept[last] = kept[last]!.endsWith(suffix) ? kept[last]!.slice(0, -suffix.length) : kept[last]!;
      if (!kept[last]) kept.pop();
      break;
    }
  }

  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (t: QueryTerm) => {
    const key = `${t.term}${t.prefix ? '*' : ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      terms.push(t);
    }
  };
  const chars = Array.from(compact);
  const understood = understand(kept, typeof input === 'string' ? input : '');
  const isNumber = (t: string) => /^\d+$/.test(t) || (understood.intent === 'situation' && HAN_PAIR.test(t) && WORD_NUMBER.test(t));
  if (chars.length === 1 && isHan(compact)) {
    // One character typed so far: every term that starts with it.
    add({ term: compact, boost: 1, prefix: true });
  } else {
    const focusPieces = new Set(understood.focus ?? []);
    for (const piece of understood.pieces) {
      const focus = focusPieces.has(piece);
      // Pairs inside the piece's words (or words themselves); the others straddle two words (户吵 in 客户吵架).
      const pieceWords = words(piece);
      const inWords = new Set([...pieceWords, ...pieceWords.flatMap((w) => hanPairs(w))]);
      // Dictionary words of three characters or more are the most specific terms; numbers the least.
      const pairs = hanPairs(piece);
      for (const t of runTokens(piece)) {
        const han = isHan(String.fromCodePoint(t.codePointAt(0)!));
        const straddles = pieceWords.length > 1 && HAN_PAIR.test(t) && !inWords.has(t);
        const at = pairs.indexOf(t);
        add({
          term: t,
          boost: (isNumber(t) ? NUMBER_WEIGHT : Array.from(t).length >= 3 && han ? 1.3 : 1) * (focus && !isNumber(t) ? FOCUS_WEIGHT : 1),
          ...(straddles ? { straddles: true } : {}),
          ...(focus ? { focus: true } : {}),
          ...(at > 0 && at < pairs.length - 1 && HAN_PAIR.test(t) ? { between: [pairs[at - 1]!, pairs[at + 1]!] as [string, string] } : {}),
        });
      }
    }
    // A Latin word at the end may still be being typed (vi → vip).
    const last = kept[kept.length - 1] ?? '';
    const tail = /[^\p{Script=Han}]+$/u.exec(last)?.[0];
    if (tail && tail.length <= 16 && !/\d/.test(tail) && understood.pieces.some((p) => p.endsWith(tail)))
      add({ term: tail, boost: 0.5, prefix: true });
  }

  const typed = new Set(terms.filter((t) => !t.prefix).map((t) => t.term));
  const synonymText = understood.topicText + (understood.asksSize ? understood.pieces.at(-1)! : '');
  const synonyms: SynonymExpansion[] = [];
  for (const group of foldedGroups) {
    const present = group.filter((m) => synonymText.includes(m));
    if (!present.length) continue;
    const covers = unique(present.flatMap((m) => runTokens(m)));
    const alternatives = group.filter((m) => !present.some((p) => p.includes(m)));
    const expansion = unique(alternatives.flatMap((m) => runTokens(m)).filter((t) => !typed.has(t)));
    if (expansion.length) synonyms.push({ covers, terms: expansion, alternatives, members: group });
  }
  const highlight = unique([...terms.map((t) => t.term), ...synonyms.flatMap((s) => s.members)]).sort((a, b) => b.length - a.length);
  return {
    compact,
    terms,
    synonyms,
    highlight,
    intent: understood.intent,
    ...(understood.units.length ? { units: understood.units } : {}),
    ...(understood.namedUnits.length ? { namedUnits: understood.namedUnits } : {}),
    ...(understood.lone.length && chars.length > 1 ? { lone: understood.lone } : {}),
    ...(kindHint ? { kindHint, kindWord } : {}),
  };
}

/** Bit mask of the fields that say what an entry is and where it belongs (title, context). */
const PLACE_MASK = SEARCH_FIELDS.reduce((mask, f, i) => (f.name === 'title' || f.name === 'context' ? mask | (1 << i) : mask), 0);
/** Bit mask of the tags field: a workflow's roles (documents.ts). */
const TAGS_MASK = 1 << SEARCH_FIELDS.findIndex((f) => f.name === 'tags');
/**
 * A few words naming a role of a workflow (班主任, 客服主管): the workflow lists that role's
 * duties, more than a script that the role happens to say.
 */
const ROLE_BONUS = 1.6;

/** Two Han characters: a pair the tokenizer makes. */
const HAN_PAIR = /^\p{Script=Han}{2}$/u;

/**
 * Typos and homophones (homophones.ts): a pair of the query that the index lacks is replaced by
 * the homophone pair the index holds most (快第 → 快递). Pairs the index has stay as typed.
 */
export function correctTypos(index: LoadedSearchIndex, query: AnalysedQuery): AnalysedQuery {
  // In a longer query most pairs the index lacks straddle two words (that is normal), and the
  // other words carry it: only short queries are corrected.
  if (Array.from(query.compact).length > TYPO_MAX_CHARS) return query;
  let changed = false;
  // A pair inside a dictionary word of the query (期天 in 星期天) is spelled right: the segmenter knew the word.
  const inWords = query.terms.filter((t) => Array.from(t.term).length >= 3);
  // A pair a synonym group stands for is a word, not a typo (客诉 → 投诉, not 客属).
  const known = new Set(query.synonyms.flatMap((s) => s.covers));
  const terms = query.terms.map((t) => {
    if (t.prefix || !HAN_PAIR.test(t.term) || index.postings(t.term) > 0 || known.has(t.term)) return t;
    if (inWords.some((w) => w.term.includes(t.term))) return t;
    const fixed = correctPair(t.term, (term) => index.postings(term));
    if (!fixed) return t;
    changed = true;
    return { ...t, term: fixed, boost: t.boost * TYPO_WEIGHT };
  });
  if (!changed) return query;
  const seen = new Set<string>();
  const unique = terms.filter((t) => !seen.has(t.term) && !!seen.add(t.term));
  return { ...query, terms: unique, highlight: [...new Set([...unique.map((t) => t.term), ...query.highlight])] };
}

const loneWords = new WeakMap<LoadedSearchIndex, Map<string, string[]>>();

/** The lone characters of the query (LONE_WORDS) stand for the index's words that start with them, as synonyms do. */
export function expandLone(index: LoadedSearchIndex, query: AnalysedQuery): AnalysedQuery {
  if (!query.lone?.length) return query;
  const typed = new Set(query.terms.map((t) => t.term));
  const added: SynonymExpansion[] = [];
  for (const char of query.lone) {
    // Words only (巡视, not 痒或: a pair of two words in a short field); kept per index. The
    // segmenter's dictionary lacks some words of the trade (退货, 换货): the synonym groups' words count too.
    let known = loneWords.get(index);
    if (!known) loneWords.set(index, (known = new Map()));
    let found = known.get(char);
    if (!found) known.set(char, (found = index.pairsStartingWith(char, LONE_WORDS * 3).filter((w) => isWord(w) || synonymWords.has(w))));
    const words = found.filter((w) => !typed.has(w)).slice(0, LONE_WORDS);
    if (words.length) added.push({ covers: [char], terms: words, alternatives: words, members: [char, ...words], lone: true });
  }
  return added.length ? { ...query, synonyms: [...query.synonyms, ...added] } : query;
}

/** True when the query has a pair the index lacks (the homophone table may help: engine.ts loads it). */
export function hasUnknownPair(index: LoadedSearchIndex, input: unknown): boolean {
  const query = analyseQuery(input);
  if (Array.from(query.compact).length > TYPO_MAX_CHARS) return false;
  return query.terms.some((t) => !t.prefix && HAN_PAIR.test(t.term) && index.postings(t.term) === 0);
}

function passes(doc: SearchDoc, filters: SearchFilters): boolean {
  if (filters.stage && doc.stage !== filters.stage) return false;
  if (filters.track && !(doc.tracks ?? []).includes(filters.track)) return false;
  if (filters.kinds && filters.kinds.length && !filters.kinds.includes(doc.kind)) return false;
  return true;
}

/** Runs a query. Never throws on any input. */
export function search(index: LoadedSearchIndex, input: unknown, options: SearchOptions = {}): SearchResponse {
  const query = expandLone(index, correctTypos(index, analyseQuery(input)));
  const limit = Math.max(0, options.limit ?? 20);
  if (!query.terms.length) return { query, hits: [], total: 0 };

  // The clauses lunr runs, rarest first. Terms found in a large part of a big index (亲, 您, 发货
  // in 10,000 scripts) cost the most and say the least: past a budget of postings they are left
  // to the re-ranking below, which still sees them in the documents' text.
  // Synonym groups whose words the query holds only in question words it drops (几天能到 →
  // 运输时间): no typed term stands for them, so the group itself counts in the coverage.
  const typedSet = new Set(query.terms.map((t) => t.term));
  const untyped = new Set(query.synonyms.filter((s) => !s.lone && !s.covers.some((t) => typedSet.has(t))));
  const clauses = [
    ...query.terms.map((t) => ({ term: t.term, boost: t.boost, prefix: !!t.prefix })),
    ...query.synonyms.flatMap((s) => {
      // A group standing for words the index lacks (接机 → 机场, 火车站), or for words not searched
      // (above), is the only way to them: it weighs as they would.
      const boost =
        untyped.has(s) || (!s.lone && s.covers.every((t) => index.postings(t) === 0))
          ? UNKNOWN_SYNONYM_WEIGHT / Math.sqrt(s.terms.length)
          : SYNONYM_WEIGHT / (query.intent === 'topic' ? s.terms.length : Math.sqrt(s.terms.length));
      return s.terms.map((term) => ({ term, boost, prefix: false }));
    }),
    ...numberTerms(query.namedUnits ?? []).map((term) => ({ term, boost: UNIT_WEIGHT, prefix: false })),
  ]
    .map((c) => ({ ...c, cost: c.prefix ? 0 : index.postings(c.term) }))
    .filter((c) => c.prefix || c.cost > 0)
    .sort((a, b) => a.cost - b.cost);
  const budget = Math.max(MIN_POSTINGS, index.docs.length * POSTINGS_PER_DOC);
  let spent = 0;
  const run = clauses.filter((c, i) => {
    if (i > 0 && spent + c.cost > budget && !c.prefix) return false;
    spent += c.cost;
    return true;
  });
  if (!run.length) return { query, hits: [], total: 0 };

  const raw = lunrQuery(
    index.lunr,
    run.map((c): QueryClause => ({ term: c.term, boost: c.boost, prefix: c.prefix })),
  );

  // Weight of each typed term: its rarity; a term no document contains counts only when a
  // synonym group stands for it (退钱 → 退款).
  const coveredBySynonym = new Set(query.synonyms.flatMap((s) => s.covers));
  const units = query.terms.map((t) => {
    const idf = t.prefix ? 1 : index.idf(t.term);
    const weight = idf > 0 ? idf : coveredBySynonym.has(t.term) ? 1 : 0;
    return {
      ...t,
      weight:
        (t.boost === NUMBER_WEIGHT ? weight * NUMBER_WEIGHT : weight) * (t.straddles ? STRADDLE_WEIGHT : 1) * (t.focus ? FOCUS_WEIGHT : 1),
    };
  });
  for (const char of query.lone ?? []) if (coveredBySynonym.has(char)) units.push({ term: char, boost: 0, weight: LONE_WEIGHT });
  for (const s of untyped) units.push({ term: s.covers.join(' '), boost: 0, weight: UNTYPED_WEIGHT });
  const totalWeight = units.reduce((a, u) => a + u.weight, 0);
  const long = Array.from(query.compact).length >= 2;

  const candidates: SearchHit[] = [];
  for (const { ref, score } of raw) {
    const doc = index.docs[ref];
    if (!doc || !passes(doc, options)) continue;
    const kindWeight = (KIND_WEIGHT[query.intent][doc.kind] ?? 1) * (query.kindHint === doc.kind ? KIND_HINT_WEIGHT : 1);
    candidates.push({ doc, ref, score: score * kindWeight });
  }
  candidates.sort((a, b) => b.score - a.score || a.ref - b.ref);
  const detailed = candidates.slice(0, RERANK);
  // The typed terms (pairs and words of the query) and each synonym's terms, for the checks below.
  const typedTerms = [...new Map(query.terms.filter((t) => !t.prefix).map((t) => [t.term, t])).values()];
  const memberTerms = new Map(query.synonyms.flatMap((s) => s.alternatives).map((m) => [m, unique(runTokens(m))]));
  // The word a short query ends with (处理 in 投诉处理, 客诉处理), to read titles by (TIME_OF_OTHER).
  const lastTerm =
    Array.from(query.compact).length <= 8 ? [...query.terms].reverse().find((t) => !t.prefix && !t.straddles)?.term : undefined;
  const unitTerms = numberTerms(query.units ?? []).filter((t) => index.postings(t) > 0);
  // The trades the query names: their words (in an entry's title or place) and tracks.
  const trades = Object.entries(TRADE_WORDS).filter(([word]) => query.compact.includes(word));
  const tradeTerms = trades.map(([word]) => unique(runTokens(word)));
  const tradeTracks = new Set(trades.flatMap(([, tracks]) => tracks));
  for (const hit of detailed) {
    const fields = new Map<string, number>();
    const fieldsWith = (term: string) => {
      let mask = fields.get(term);
      if (mask === undefined) fields.set(term, (mask = index.fieldsWith(hit.ref, term)));
      return mask;
    };
    // Coverage: how much of the query (by rarity) the document contains. A synonym stands in for
    // the typed word only when the document has every term of the synonym (a shared character
    // pair such as 客户 in 老客户 is not enough).
    const covered = new Set<string>();
    for (const s of query.synonyms) {
      if (s.alternatives.some((m) => memberTerms.get(m)!.every((t) => fieldsWith(t) !== 0))) {
        s.covers.forEach((t) => covered.add(t));
        covered.add(s.covers.join(' '));
      }
    }
    // A pair the document lacks counts as held when it holds the pairs on both sides of it (访记
    // in 回访记录: long fields index the pairs inside words only, so 《回访记录表》 holds 回访 and
    // 记录, not 访记).
    const holds = (t: QueryTerm, mask = ~0) =>
      (fieldsWith(t.term) & mask) !== 0 || (!!t.between && t.between.every((p) => (fieldsWith(p) & mask) !== 0));
    let got = 0;
    for (const u of units) if (u.prefix || covered.has(u.term) || holds(u)) got += u.weight;
    const coverage = totalWeight > 0 ? got / totalWeight : 1;
    let score = hit.score * (0.1 + 0.9 * coverage * coverage);
    const title = fold(hit.doc.title);
    const bare = title.replace(/[^\p{Script=Han}a-z0-9]/gu, '');
    if (Array.from(bare).length >= 2 && bare !== query.compact && query.compact.includes(bare)) score *= TITLE_IN_QUERY;
    if (query.kindWord && title.includes(query.kindWord)) score *= KIND_WORD_WEIGHT;
    if (query.intent === 'topic' && NARROW_TITLE.test(title)) score *= NARROW_WEIGHT;
    const at = lastTerm ? title.indexOf(lastTerm) : -1;
    if (at >= 0 && AFTER_QUERY.test(title.slice(at + lastTerm!.length))) score *= TIME_OF_OTHER;
    else if (long && typedTerms.length) {
      // The whole query: every one of its terms in the key fields, or in the document.
      if (typedTerms.every((t) => holds(t, KEY_FIELDS_MASK))) score *= PHRASE_BONUS;
      else if (typedTerms.every((t) => holds(t))) score *= PHRASE_BONUS_BODY;
    }
    if (unitTerms.some((t) => fieldsWith(t) !== 0)) score *= UNIT_BONUS;
    if (query.intent === 'topic' && hit.doc.kind === 'workflow' && typedTerms.every((t) => holds(t, TAGS_MASK))) score *= ROLE_BONUS;
    if (
      trades.length &&
      (hit.doc.tracks?.some((t) => tradeTracks.has(t)) ||
        tradeTerms.some((terms) => terms.every((t) => (fieldsWith(t) & PLACE_MASK) !== 0)))
    )
      score *= TRADE_BONUS;
    hit.score = score;
  }
  detailed.sort((a, b) => b.score - a.score || a.ref - b.ref);
  // The rest keep lunr's order, below every re-ranked hit.
  const floor = detailed.length ? detailed[detailed.length - 1]!.score : 0;
  const rest = candidates
    .slice(RERANK, RERANK + Math.max(0, limit - detailed.length))
    .map((h) => ({ ...h, score: Math.min(h.score * 0.1, floor * 0.99) }));
  return { query, hits: [...detailed, ...rest].slice(0, limit), total: candidates.length };
}

/**
 * The closest scripts when a search finds nothing: every character of the query on its own (as a
 * prefix) and Latin words with one typo, scripts only.
 */
export function closestScripts(index: LoadedSearchIndex, input: unknown, limit = 5): SearchHit[] {
  const { compact } = analyseQuery(input);
  if (!compact) return [];
  const chars = unique(Array.from(compact).filter(isHan));
  const latin = unique(compact.match(/[^\p{Script=Han}]{3,}/gu) ?? []);
  if (!chars.length && !latin.length) return [];
  const raw = lunrQuery(index.lunr, [
    ...chars.map((term) => ({ term, boost: 1, prefix: true })),
    ...latin.map((term) => ({ term, boost: 1, fuzzy: true })),
  ]);
  const out: SearchHit[] = [];
  for (const { ref, score } of raw) {
    const doc = index.docs[ref];
    if (doc?.kind === 'script') out.push({ doc, ref, score });
    if (out.length >= limit) break;
  }
  return out;
}
