/**
 * The indexed fields and their weights, shared by the index build (boosts are baked into the
 * lunr vectors) and the documents (which text goes in which field). The title and the customer's
 * own words weigh most: a query is usually what the customer wrote, or the situation's name.
 */
export const SEARCH_FIELDS = [
  /** Script title, workflow title, step title, standard name. */
  { name: 'title', boost: 8 },
  /** What customers say (scripts' `customer`). */
  { name: 'customer', boost: 6 },
  /** Tags and synonyms (scripts' `tags`, standards' `phrases` and category, workflows' roles). */
  { name: 'tags', boost: 4 },
  /** The situation in one sentence (script situation, workflow summary, standard rule). */
  { name: 'summary', boost: 3 },
  /** Long text: the reply, its variants and notes; a step's body; a standard's notes. */
  { name: 'body', boost: 1 },
  /** Where the entry belongs: workflow and step titles, track title. */
  { name: 'context', boost: 1.5 },
] as const;

export type SearchField = (typeof SEARCH_FIELDS)[number]['name'];
