/**
 * What the results list shows for one hit, decided once for the island and the tests: the
 * highlighted title, the customer's words that match best (scripts), a short excerpt around the
 * first match, the text Enter copies and the links. Plain data; the view only renders it.
 * Until a document's texts are fetched (engine.ts) the view has its title and links only, and
 * says so with `pending`.
 */
import type { SearchDoc, SearchKind } from './documents.ts';
import type { SearchHit } from './query.ts';
import { highlight, matchRanges, type Segment } from './highlight.ts';

/** Characters of the excerpt shown under a result. */
export const EXCERPT_CHARS = 72;

export interface ResultView {
  key: string;
  /** Position of the document in the index. */
  ref: number;
  kind: SearchKind;
  id: string;
  title: Segment[];
  /** The customer's words that match best (scripts), if any matches. */
  quote?: Segment[];
  /** A short excerpt of the reply / body around the first match. */
  excerpt: Segment[];
  /**
   * What Enter copies (undefined until the texts are there): a script's reply, a standard's rule,
   * a step's or a workflow's summary. Ctrl+Enter opens the page.
   */
  copyText?: string;
  /** What `copyText` is, for the result row to say what Enter does. */
  copies: CopyKind;
  url: string;
  stage?: string;
  context?: string;
  contextUrl?: string;
  /** The texts are still being fetched: no quote, excerpt or reply yet. */
  pending?: true;
}

/** What Enter copies of each kind of result. */
export type CopyKind = 'reply' | 'rule' | 'summary';
export const COPY_KIND: Record<SearchKind, CopyKind> = { script: 'reply', standard: 'rule', step: 'summary', workflow: 'summary' };

/** The text Enter copies (see `ResultView.copyText`). */
export function copyTextOf(doc: SearchDoc): string | undefined {
  switch (doc.kind) {
    case 'script':
      return doc.reply || undefined;
    case 'standard':
      return doc.summary || undefined;
    case 'step':
      // The step's body is its summary: what to do, in a few sentences.
      return doc.body?.find((b) => b.trim())?.trim() || undefined;
    case 'workflow':
      return doc.summary || undefined;
  }
}

const hitLength = (text: string, terms: readonly string[]) => matchRanges(text, terms).reduce((a, [s, e]) => a + e - s, 0);

/** Of several texts, the one where the query's words cover most characters (first on ties). */
function best(texts: readonly string[], terms: readonly string[]): { text: string; score: number } | undefined {
  let top: { text: string; score: number } | undefined;
  for (const text of texts) {
    const score = hitLength(text, terms);
    if (!top || score > top.score) top = { text, score };
  }
  return top;
}

function excerptSource(doc: SearchDoc, terms: readonly string[]): string {
  if (doc.kind === 'script') return doc.reply ?? doc.summary ?? '';
  const candidates = [doc.summary, ...(doc.body ?? [])].filter((t): t is string => !!t);
  const b = best(candidates, terms);
  return b && b.score > 0 ? b.text : (candidates[0] ?? '');
}

export function resultView(hit: SearchHit | { doc: SearchDoc; ref: number }, terms: readonly string[], pending = false): ResultView {
  const { doc } = hit;
  const quote = doc.customer?.length ? best(doc.customer, terms) : undefined;
  return {
    key: `${doc.kind}:${doc.id}`,
    ref: hit.ref,
    kind: doc.kind,
    id: doc.id,
    title: highlight(doc.title, terms),
    ...(quote && quote.score > 0 ? { quote: highlight(quote.text, terms, { maxChars: 40 }) } : {}),
    excerpt: highlight(excerptSource(doc, terms), terms, { maxChars: EXCERPT_CHARS }),
    ...(copyTextOf(doc) !== undefined ? { copyText: copyTextOf(doc)! } : {}),
    copies: COPY_KIND[doc.kind],
    url: doc.url,
    ...(doc.stage ? { stage: doc.stage } : {}),
    ...(doc.context ? { context: doc.context } : {}),
    ...(doc.contextUrl ? { contextUrl: doc.contextUrl } : {}),
    ...(pending ? { pending: true as const } : {}),
  };
}
