/**
 * Builds the serialized search index (index-format.ts) of the search documents. Every field is
 * tokenised by our Chinese tokenizer (tokenize.ts), so the build and the query see the same
 * terms; lunr's English pipeline (trimmer, stop words, stemmer) is never used.
 */
import { SEARCH_FIELDS } from './fields.ts';
import { fieldTexts, type SearchDoc, type SearchFacets } from './documents.ts';
import { tokenizeAll } from './tokenize.ts';
import { packTerms, SEARCH_INDEX_FORMAT, type SerializedSearchIndex } from './index-format.ts';

/** The tokens of each field of a document, in field order (what lunr is given for that field). */
export function documentTokens(doc: SearchDoc): string[][] {
  const texts = fieldTexts(doc);
  return SEARCH_FIELDS.map((f) => tokenizeAll(texts[f.name]));
}

/** Builds the index; `facets` are stored for the filters. */
export function buildSearchIndex(docs: SearchDoc[], facets: SearchFacets): SerializedSearchIndex {
  const perDoc = docs.map(documentTokens);
  const terms = [...new Set(perDoc.flat(2))].sort();
  const number = new Map(terms.map((t, i) => [t, i]));
  const tokens = perDoc.map((fields) => {
    const flat: number[] = [];
    fields.forEach((list, field) => {
      if (!list.length) return;
      const ids = list.map((t) => number.get(t)!).sort((a, b) => a - b);
      flat.push(field, ids.length);
      let previous = 0;
      for (const id of ids) {
        flat.push(id - previous);
        previous = id;
      }
    });
    return flat;
  });
  return {
    format: SEARCH_INDEX_FORMAT,
    fields: SEARCH_FIELDS.map((f) => ({ name: f.name, boost: f.boost })),
    terms: packTerms(terms),
    tokens,
    docs,
    facets,
  };
}
