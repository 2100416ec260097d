/**
 * The serialized search index. Written at build time (build-index.ts), read by the browser and
 * the CLI (load-index.ts), which loads it into a lunr.Index that the queries run on.
 *
 * - `terms` and `pairs`: every term of the stored fields (below), sorted, packed (see
 *   `packTermList`); a term's number is its place. The loader adds the terms found only in
 *   titles and contexts.
 * - The postings, an inverted index of the stored fields: all but those marked `fromStub` (the
 *   title, the context), whose text `docs` holds anyway; the loader tokenises them again.
 *   `postings`: for each term in order, how many documents hold it, then those documents as
 *   gaps (the first document's number, then each one's distance to the previous one − 1).
 *   `masks`: for each of those (term, document) in the same order, which stored fields hold the
 *   term, as a bit mask (bit k: the k-th stored field) − 1. `frequencies`: for each field of
 *   each mask, low bit first, how often the term occurs there − 1. All three are lists of
 *   numbers in the text encoding of numbers.ts (one character for most); kept apart, each
 *   compresses better. Field lengths (BM25) are the sums of the frequencies, so they are not
 *   stored.
 * - `docs`: what a result shows at once (kind, id, title, links, stage, tracks, context), by
 *   column, with what repeats left out (see `packDocs`).
 * - `texts`: the texts of each document (customer words, tags, summary, reply, body) — only in
 *   the complete file (/search-index.json: CLI `--index`, tools). The browser fetches the index
 *   without them (/search/index.json) and then the texts of the results it shows, one small file
 *   each (/search/texts/<kind>/<id>.json), or all of them at once (/search/texts.json) offline;
 *   those hold what the results list shows only (build-index.ts `servedText`).
 *
 * The same documents and tokens as lunr.Builder's index, and the same results and scores from
 * lunr.Index#query on it (tested), in a fraction of the size of lunr's own JSON.
 */
import type { SearchDoc, SearchDocStub, SearchDocText, SearchFacets } from './documents.ts';
import { decodeNumbers, encodeNumbers } from './numbers.ts';

export const SEARCH_INDEX_FORMAT = 'sop-search/5';
/** The complete index in one file (index and every text): `sop search --index`, tools, tests. */
export const SEARCH_INDEX_PATH = '/search-index.json';
/** The folder of the files the browser fetches. */
export const SEARCH_DIR = '/search/';
/** What the browser fetches when the search opens: the index without the texts. */
export const SEARCH_CORE_PATH = `${SEARCH_DIR}index.json`;
/** Every text in one file, beside the index: the offline copy (precached by the service worker). */
export const SEARCH_TEXTS_FILE = 'texts.json';
export const SEARCH_TEXTS_PATH = `${SEARCH_DIR}${SEARCH_TEXTS_FILE}`;

/** Where one entry's texts are served, beside the index (ids are slugs; a step's has one `/`). */
export function searchTextPath(doc: { kind: string; id: string }): string {
  return `texts/${doc.kind}/${doc.id.split('/').map(encodeURIComponent).join('/')}.json`;
}

export const STUB_KEYS = [
  'kind',
  'id',
  'title',
  'url',
  'stage',
  'tracks',
  'context',
  'contextUrl',
] as const satisfies readonly (keyof SearchDocStub)[];
export const TEXT_KEYS = ['customer', 'tags', 'summary', 'reply', 'body'] as const satisfies readonly (keyof SearchDocText)[];

function pick<K extends keyof SearchDoc>(doc: SearchDoc, keys: readonly K[]): Pick<SearchDoc, K> {
  const out: Partial<SearchDoc> = {};
  for (const k of keys) if (doc[k] !== undefined) (out as Record<string, unknown>)[k] = doc[k];
  return out as Pick<SearchDoc, K>;
}

/** The part of a document the index keeps. */
export const docStub = (doc: SearchDoc): SearchDocStub => pick(doc, STUB_KEYS);
/** The texts of a document. */
export const docText = (doc: SearchDoc): SearchDocText => pick(doc, TEXT_KEYS);

/** `kind:id`, how results and the evaluation name an entry. */
export const docKey = (doc: { kind: string; id: string }): string => `${doc.kind}:${doc.id}`;

export interface SerializedSearchIndex {
  format: typeof SEARCH_INDEX_FORMAT;
  /** Indexed fields with their boosts, in the order of fields.ts; `fromStub`: not in the postings (made at load from the docs). */
  fields: Array<{ name: string; boost: number; fromStub?: true }>;
  /** The terms of the stored fields that are no Han pair, sorted, packed: see `packTermList`. */
  terms: string;
  /** The Han pairs among them, as numbers: see `packTermList`. */
  pairs: string;
  /** Per term: how many documents hold it, then their gaps (see above). */
  postings: string;
  /** Per (term, document): the bit mask of the stored fields holding the term − 1. */
  masks: string;
  /** Per (term, document, field of the mask): term frequency − 1. */
  frequencies: string;
  docs: PackedDocs;
  /** The texts, in document order: only in the complete file. */
  texts?: SearchDocText[];
  facets: SearchFacets;
}

/** One entry's texts as served to the browser; `key` (`kind:id`) guards against a stale index. */
export type ServedText = SearchDocText & { key: string };

/** /search/texts.json. */
export interface SerializedTexts {
  format: typeof SEARCH_INDEX_FORMAT;
  texts: ServedText[];
}

/**
 * Packs a sorted term list (terms never contain spaces, `|` or `.`: the tokenizer keeps letters,
 * digits and marks only). Terms sharing their first character form a group, groups are separated
 * by `|`. A group is that character; `.` when the character alone is a term; the rest of each
 * two-character term (most terms are Han pairs: 便宜 便利 → `便宜利`); then ` rest` for each
 * longer term. `便宜 便宜点 便利 退|退款` → `便宜利 宜点|退.款`.
 */
export function packTerms(sorted: readonly string[]): string {
  const groups = new Map<string, { self: boolean; single: string; long: string[] }>();
  for (const term of sorted) {
    const head = String.fromCodePoint(term.codePointAt(0)!);
    let g = groups.get(head);
    if (!g) groups.set(head, (g = { self: false, single: '', long: [] }));
    const rest = term.slice(head.length);
    if (!rest) g.self = true;
    else if (Array.from(rest).length === 1) g.single += rest;
    else g.long.push(rest);
  }
  return [...groups].map(([head, g]) => head + (g.self ? '.' : '') + g.single + g.long.map((r) => ` ${r}`).join('')).join('|');
}

/** The inverse of `packTerms` (sorted as `Array#sort` sorts). */
export function unpackTerms(packed: string): string[] {
  if (!packed) return [];
  const out: string[] = [];
  for (const group of packed.split('|')) {
    const [first, ...long] = group.split(' ');
    const chars = Array.from(first!);
    const head = chars[0]!;
    const terms: string[] = [];
    for (let i = 1; i < chars.length; i++) terms.push(chars[i] === '.' && i === 1 ? head : head + chars[i]);
    for (const rest of long) terms.push(head + rest);
    out.push(...terms.sort());
  }
  return out;
}

/** The lowest code point a packed pair's characters may have (CJK radicals; every Han character is above). */
const PAIR_BASE = 0x2e80;
const HAN_CHAR = /^\p{Script=Han}$/u;
/** A term of two Han characters of the Basic Multilingual Plane (most terms): packed as numbers. */
const isPackedPair = (t: string) =>
  t.length === 2 && t.charCodeAt(0) >= PAIR_BASE && t.charCodeAt(1) >= PAIR_BASE && HAN_CHAR.test(t[0]!) && HAN_CHAR.test(t[1]!);

/**
 * Packs a sorted term list in two parts. `pairs`: the terms of two Han characters of the Basic
 * Multilingual Plane, grouped by their first character, as numbers (numbers.ts): per group the
 * distance of its first character to the previous group's (to U+2E80 for the first), how many
 * terms it has, and their second characters as distances to the previous one (to U+2E80 for the
 * first) — a fifth smaller gzipped than the characters themselves. `terms`: every other term,
 * packed by `packTerms`.
 */
export function packTermList(sorted: readonly string[]): { terms: string; pairs: string } {
  const numbers: number[] = [];
  let head = PAIR_BASE;
  let count = 0;
  let countAt = -1;
  let second = PAIR_BASE;
  for (const t of sorted) {
    if (!isPackedPair(t)) continue;
    const first = t.charCodeAt(0);
    if (countAt < 0 || first !== head) {
      if (countAt >= 0) numbers[countAt] = count;
      numbers.push(first - head, 0);
      countAt = numbers.length - 1;
      head = first;
      count = 0;
      second = PAIR_BASE;
    }
    numbers.push(t.charCodeAt(1) - second);
    second = t.charCodeAt(1);
    count++;
  }
  if (countAt >= 0) numbers[countAt] = count;
  return { terms: packTerms(sorted.filter((t) => !isPackedPair(t))), pairs: encodeNumbers(numbers) };
}

/** The inverse of `packTermList`: every term, sorted as `Array#sort` sorts. Throws on a malformed value. */
export function unpackTermList(terms: string, pairs: string): string[] {
  const numbers = decodeNumbers(pairs);
  const packed: string[] = [];
  let head = PAIR_BASE;
  for (let at = 0; at < numbers.length;) {
    head += numbers[at++]!;
    const count = numbers[at++];
    if (count === undefined || at + count > numbers.length) throw new Error('pairs');
    let second = PAIR_BASE;
    for (let k = 0; k < count; k++) {
      second += numbers[at++]!;
      if (head > 0xffff || second > 0xffff) throw new Error('pairs');
      packed.push(String.fromCharCode(head, second));
    }
  }
  // Both lists are sorted: merged.
  const other = unpackTerms(terms);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < packed.length || j < other.length)
    out.push(j >= other.length || (i < packed.length && packed[i]! < other[j]!) ? packed[i++]! : other[j++]!);
  return out;
}

/**
 * The documents' stubs by column. Lossless (`unpackDocs(packDocs(d))` equals `d`, tested), and a
 * third of the size of a list of objects: a URL that follows its kind's pattern is not stored,
 * nor a context link that is another document's URL, nor a context that is that document's title
 * (a step's workflow) or its context and title (a script's `workflow · step`).
 */
export interface PackedDocs {
  /** The kinds, and per document the number of its kind (numbers.ts encoding). */
  kinds: string[];
  kind: string;
  /** Ids; one starting with `/` goes on the id of its context link's document (a step's: `/pickup` under `phone-answering`). */
  id: string[];
  title: string[];
  /** Per kind, its documents' URL: `{id}`, `{0}`, `{1}` … (the id's parts split at `/`) are filled in. */
  urlPatterns: Record<string, string>;
  /** The URLs that do not follow their kind's pattern: [document, URL]. */
  urls: Array<[number, string]>;
  /** The stages, and per document 1 + the number of its stage, 0 for none (numbers.ts encoding). */
  stages: string[];
  stage: string;
  /** Per document its tracks, 0 for none. */
  tracks: Array<string[] | 0>;
  /** Per document its context link: the number of the document it is the URL of, the link, or null. */
  contextUrl: Array<number | string | null>;
  /** Per document its context: 0 = the title of the context link's document, 1 = its context, ` · `, its title; the text; or null. */
  context: Array<0 | 1 | string | null>;
}

const CONTEXT_JOIN = ' · ';

function fillPattern(pattern: string, id: string): string {
  const parts = id.split('/');
  return pattern.replace(/\{(id|\d+)\}/g, (_, k: string) => (k === 'id' ? id : (parts[Number(k)] ?? '')));
}

/** A URL pattern that gives `url` back for `id`, if the id is in the URL. */
function patternOf(url: string, id: string): string | undefined {
  const parts = id.split('/');
  const names = parts.length === 1 ? [['id', id]] : parts.map((p, i) => [String(i), p]);
  let out = '';
  let rest = url;
  for (const [name, part] of names) {
    const at = part ? rest.indexOf(part!) : -1;
    if (at < 0) return undefined;
    out += `${rest.slice(0, at)}{${name}}`;
    rest = rest.slice(at + part!.length);
  }
  return out + rest;
}

export function packDocs(docs: readonly SearchDocStub[]): PackedDocs {
  const kinds = [...new Set(docs.map((d) => d.kind))];
  const stages = [...new Set(docs.flatMap((d) => (d.stage === undefined ? [] : [d.stage])))];
  const urlPatterns: Record<string, string> = {};
  for (const kind of kinds) {
    const first = docs.find((d) => d.kind === kind)!;
    const pattern = patternOf(first.url, first.id);
    if (pattern !== undefined) urlPatterns[kind] = pattern;
  }
  const refOfUrl = new Map<string, number>();
  docs.forEach((d, i) => {
    if (!refOfUrl.has(d.url)) refOfUrl.set(d.url, i);
  });
  const contextUrl = docs.map((d, i) => {
    if (d.contextUrl === undefined) return null;
    const ref = refOfUrl.get(d.contextUrl);
    return ref !== undefined && ref !== i ? ref : d.contextUrl;
  });
  return {
    kinds,
    kind: encodeNumbers(docs.map((d) => kinds.indexOf(d.kind))),
    id: docs.map((d, i) => {
      // A step's id under its workflow's (the context link's document): `/` and the rest.
      const ref = contextUrl[i];
      const parent = typeof ref === 'number' ? docs[ref]!.id : undefined;
      return parent !== undefined && !parent.includes('/') && d.id.startsWith(`${parent}/`) ? d.id.slice(parent.length) : d.id;
    }),
    title: docs.map((d) => d.title),
    urlPatterns,
    urls: docs.flatMap((d, i): Array<[number, string]> => {
      const pattern = urlPatterns[d.kind];
      return pattern !== undefined && fillPattern(pattern, d.id) === d.url ? [] : [[i, d.url]];
    }),
    stages,
    stage: encodeNumbers(docs.map((d) => (d.stage === undefined ? 0 : stages.indexOf(d.stage) + 1))),
    tracks: docs.map((d) => d.tracks ?? 0),
    contextUrl,
    context: contexts(docs, refOfUrl),
  };
}

/** The `context` column: 0 and 1 where they give the context back, and 1 only on top of a plain context. */
function contexts(docs: readonly SearchDocStub[], refOfUrl: Map<string, number>): Array<0 | 1 | string | null> {
  const parentOf = (d: SearchDocStub) => {
    const ref = d.contextUrl === undefined ? undefined : refOfUrl.get(d.contextUrl);
    const parent = ref === undefined ? undefined : docs[ref];
    return parent === d ? undefined : parent;
  };
  const isOne = (d: SearchDocStub) => {
    const parent = parentOf(d);
    return !!parent && parent.context !== undefined && d.context === `${parent.context}${CONTEXT_JOIN}${parent.title}`;
  };
  return docs.map((d) => {
    if (d.context === undefined) return null;
    const parent = parentOf(d);
    if (parent && d.context === parent.title) return 0;
    if (parent && isOne(d) && !isOne(parent)) return 1;
    return d.context;
  });
}

function isPackedDocs(p: unknown): p is PackedDocs {
  const d = p as Partial<PackedDocs> | null;
  const n = d?.id?.length;
  return (
    !!d &&
    Array.isArray(d.kinds) &&
    typeof d.kind === 'string' &&
    Array.isArray(d.id) &&
    Array.isArray(d.title) &&
    d.title.length === n &&
    !!d.urlPatterns &&
    typeof d.urlPatterns === 'object' &&
    Array.isArray(d.urls) &&
    Array.isArray(d.stages) &&
    typeof d.stage === 'string' &&
    Array.isArray(d.tracks) &&
    d.tracks.length === n &&
    Array.isArray(d.contextUrl) &&
    d.contextUrl.length === n &&
    Array.isArray(d.context) &&
    d.context.length === n
  );
}

/** The inverse of `packDocs`. Throws on a malformed value. */
export function unpackDocs(packed: unknown): SearchDocStub[] {
  if (!isPackedDocs(packed)) throw new Error('docs');
  const p = packed;
  const n = p.id.length;
  const kind = decodeNumbers(p.kind);
  const stage = decodeNumbers(p.stage);
  if (kind.length !== n || stage.length !== n) throw new Error('docs');
  const urls = new Map(p.urls);
  const ids = p.id.map((id, i) => {
    if (typeof id !== 'string' || !id.startsWith('/')) return id;
    const parent = p.id[p.contextUrl[i] as number];
    if (typeof p.contextUrl[i] !== 'number' || typeof parent !== 'string' || parent.startsWith('/')) throw new Error('docs');
    return parent + id;
  });
  const docs: SearchDocStub[] = ids.map((id, i) => {
    const k = p.kinds[kind[i]!];
    const pattern = k === undefined ? undefined : p.urlPatterns[k];
    const url = urls.get(i) ?? (pattern === undefined ? undefined : fillPattern(pattern, id));
    if (k === undefined || typeof id !== 'string' || typeof p.title[i] !== 'string' || url === undefined) throw new Error('docs');
    const doc: SearchDocStub = { kind: k as SearchDocStub['kind'], id, title: p.title[i]!, url };
    const s = stage[i]!;
    if (s > 0) doc.stage = p.stages[s - 1];
    const tracks = p.tracks[i];
    if (Array.isArray(tracks)) doc.tracks = tracks;
    return doc;
  });
  const parentOf = (i: number) => {
    const c = p.contextUrl[i];
    if (typeof c !== 'number') return undefined;
    const parent = docs[c];
    if (!parent || parent === docs[i]) throw new Error('docs');
    return parent;
  };
  docs.forEach((doc, i) => {
    const c = p.contextUrl[i];
    if (typeof c === 'string') doc.contextUrl = c;
    else if (c !== null) doc.contextUrl = parentOf(i)!.url;
  });
  // Contexts: plain ones and parents' titles first, then `1`, which needs its parent's.
  for (const pass of [0, 1]) {
    docs.forEach((doc, i) => {
      const t = p.context[i];
      if (pass === 0 && typeof t === 'string') doc.context = t;
      else if (t === 0 && pass === 0) doc.context = parentOf(i)?.title;
      else if (t === 1 && pass === 1) {
        const parent = parentOf(i);
        if (!parent || parent.context === undefined || p.context[p.contextUrl[i] as number] === 1) throw new Error('docs');
        doc.context = `${parent.context}${CONTEXT_JOIN}${parent.title}`;
      } else if (t !== null && t !== 0 && t !== 1 && typeof t !== 'string') throw new Error('docs');
    });
  }
  docs.forEach((doc, i) => {
    if (p.context[i] === 0 && doc.context === undefined) throw new Error('docs');
  });
  // Keys in the usual order (a stub compares equal to the original).
  return docs.map((d) => docStub(d));
}
