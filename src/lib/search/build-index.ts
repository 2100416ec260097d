/**
 * Builds the serialized search index (index-format.ts) of the search documents. Every field is
 * tokenised by our Chinese tokenizer (tokenize.ts), so the build and the query see the same
 * terms; lunr's English pipeline (trimmer, stop words, stemmer) is never used.
 */
import { SEARCH_FIELDS } from './fields.ts';
import { fieldTexts, type SearchDoc, type SearchFacets } from './documents.ts';
import { tokenizeAll } from './tokenize.ts';
import { encodeNumbers } from './numbers.ts';
import {
  docKey,
  docStub,
  docText,
  packDocs,
  packTerms,
  SEARCH_INDEX_FORMAT,
  searchTextPath,
  unpackDocs,
  type SerializedSearchIndex,
  type SerializedTexts,
  type ServedText,
} from './index-format.ts';

/** The tokens of each field of a document, in field order (duplicates kept: they are frequencies). */
export function documentTokens(doc: SearchDoc): string[][] {
  const texts = fieldTexts(doc);
  return SEARCH_FIELDS.map((f) => tokenizeAll(texts[f.name], f.pairs));
}

/** Builds the complete index (with the texts); `facets` are stored for the filters. */
export function buildSearchIndex(docs: SearchDoc[], facets: SearchFacets): SerializedSearchIndex {
  const fieldCount = SEARCH_FIELDS.length;
  const perDoc = docs.map(documentTokens);
  const terms = [...new Set(perDoc.flat(2))].sort();
  const number = new Map(terms.map((t, i) => [t, i]));
  // Postings per term, in (document, field) order because documents and fields are walked in order.
  const postings: number[][] = terms.map(() => []);
  const frequencies: number[][] = terms.map(() => []);
  perDoc.forEach((fields, doc) => {
    fields.forEach((tokens, field) => {
      const tf = new Map<number, number>();
      for (const t of tokens) {
        const id = number.get(t)!;
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const [id, n] of tf) {
        postings[id]!.push(doc * fieldCount + field);
        frequencies[id]!.push(n - 1);
      }
    });
  });
  function* postingNumbers() {
    for (const list of postings) {
      yield list.length;
      let previous = 0;
      for (const key of list) {
        yield key - previous;
        previous = key;
      }
    }
  }
  return {
    format: SEARCH_INDEX_FORMAT,
    fields: SEARCH_FIELDS.map((f) => ({ name: f.name, boost: f.boost })),
    terms: packTerms(terms),
    postings: encodeNumbers(postingNumbers()),
    frequencies: encodeNumbers(frequencies.flat()),
    docs: packDocs(docs.map(docStub)),
    texts: docs.map(docText),
    facets,
  };
}

/** The index as the browser fetches it first: without the texts. */
export function coreIndex(index: SerializedSearchIndex): SerializedSearchIndex {
  const { texts: _texts, ...core } = index;
  return core;
}

/** Each document's texts as served one file per document (path → content). */
export function textFiles(index: SerializedSearchIndex): Array<{ path: string; text: ServedText }> {
  return unpackDocs(index.docs).map((doc, i) => ({ path: searchTextPath(doc), text: { key: docKey(doc), ...index.texts?.[i] } }));
}

/** Every text in one file (the offline copy). */
export function allTexts(index: SerializedSearchIndex): SerializedTexts {
  return { format: SEARCH_INDEX_FORMAT, texts: unpackDocs(index.docs).map((doc, i) => ({ key: docKey(doc), ...index.texts?.[i] })) };
}
