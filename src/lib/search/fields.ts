/**
 * The indexed fields and their weights, shared by the index build (boosts are part of the BM25
 * weights) and the documents (which text goes in which field). The title and the customer's own
 * words weigh most: a query is usually what the customer wrote, or the situation's name.
 *
 * `pairs`: which Han character pairs a field indexes (tokenize.ts). Short fields index every
 * pair, so any part of their text matches. The long texts (replies, step bodies) index the words
 * and the pairs inside words only: the pairs that straddle two words there (的快, 递到) were two
 * thirds of all terms and a third of the index, and dropping them cost no recall on the
 * evaluation set (tests/search-eval/). The one-sentence summaries (a script's situation, a
 * standard's rule) do the same: their straddling pairs were a fifth of the index the browser
 * fetches first (23 KB gzipped), and the query reads a pair held on both sides as held (query.ts).
 *
 * `fromStub`: the field's text is part of what the index keeps of every document anyway (the
 * title, the context: index-format.ts `docs`), so its postings are not stored: the loader makes
 * them again from that text (load-index.ts), which takes a fifth of the postings off the file.
 * Such a field is tokenised without the word segmenter (`pairs: 'only'`: its Han pairs and its
 * Latin words and numbers), so the build and every browser make the same tokens.
 */
export const SEARCH_FIELDS = [
  /** Script title, workflow title, step title, standard name. */
  { name: 'title', boost: 8, pairs: 'only', fromStub: true },
  /**
   * What customers say (scripts' `customer`). 4, not 6, since each script holds six or seven
   * customers' lines, long ones among them: their incidental words (在上班呢, 衣柜没拍) outweighed
   * the title of the entry asked for (same recall@1 on the 410 development queries at 3, 4 and 5).
   */
  { name: 'customer', boost: 4, pairs: 'all' },
  /** Tags and synonyms (scripts' `tags`, standards' `phrases` and category, workflows' roles). */
  { name: 'tags', boost: 4, pairs: 'all' },
  /** The situation in one sentence (script situation, workflow summary, standard rule). */
  { name: 'summary', boost: 3, pairs: 'in-words' },
  /** Long text: the reply, its variants and notes; a step's body; a standard's notes. */
  { name: 'body', boost: 1, pairs: 'in-words' },
  /** Where the entry belongs: workflow and step titles, track title. */
  { name: 'context', boost: 1.5, pairs: 'only', fromStub: true },
] as const satisfies ReadonlyArray<{ name: string; boost: number; pairs: 'all' | 'in-words' | 'only'; fromStub?: true }>;

export type SearchField = (typeof SEARCH_FIELDS)[number]['name'];

/** Bit mask of the fields whose whole-query match earns the phrase bonus (query.ts). */
export const KEY_FIELDS_MASK = SEARCH_FIELDS.reduce(
  (mask, f, i) => (['title', 'customer', 'tags', 'summary'].includes(f.name) ? mask | (1 << i) : mask),
  0,
);

/**
 * The text of an indexed field that every document's stub holds (`fromStub`: the title, the
 * context), undefined for the other fields. The build (documents.ts) and the loader
 * (load-index.ts) both read it here.
 */
export function stubFieldText(stub: { title: string; context?: string }, field: string): string[] | undefined {
  if (field === 'title') return [stub.title];
  if (field === 'context') return stub.context ? [stub.context] : [];
  return undefined;
}
