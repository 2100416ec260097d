/**
 * Builds the serialized search index (index-format.ts) of the search documents. Every field is
 * tokenised by our Chinese tokenizer (tokenize.ts), so the build and the query see the same
 * terms; lunr's English pipeline (trimmer, stop words, stemmer) is never used.
 */
import { SEARCH_FIELDS } from './fields.ts';
import { fieldTexts, type SearchDoc, type SearchDocStub, type SearchDocText, type SearchFacets } from './documents.ts';
import { tokenizeAll } from './tokenize.ts';
import { encodeNumbers } from './numbers.ts';
import {
  docKey,
  docStub,
  docText,
  packDocs,
  packTermList,
  SEARCH_INDEX_FORMAT,
  searchTextPath,
  unpackDocs,
  type SerializedSearchIndex,
  type SerializedTexts,
  type ServedText,
} from './index-format.ts';

const isFromStub = (f: (typeof SEARCH_FIELDS)[number]) => 'fromStub' in f && f.fromStub;

/** The tokens of each field of a document, in field order (duplicates kept: they are frequencies). */
export function documentTokens(doc: SearchDoc): string[][] {
  const texts = fieldTexts(doc);
  return SEARCH_FIELDS.map((f) => tokenizeAll(texts[f.name], f.pairs));
}

/** Builds the complete index (with the texts); `facets` are stored for the filters. */
export function buildSearchIndex(docs: SearchDoc[], facets: SearchFacets): SerializedSearchIndex {
  const perDoc = docs.map(documentTokens);
  // The stored fields (the others are made again at load from the stubs: fields.ts `fromStub`).
  const stored = SEARCH_FIELDS.flatMap((f, i) => (isFromStub(f) ? [] : [i]));
  // The terms of the stored fields; those only in a title or a context are added by the loader.
  const terms = [...new Set(perDoc.flatMap((fields) => stored.flatMap((f) => fields[f]!)))].sort();
  const number = new Map(terms.map((t, i) => [t, i]));
  // Per term, per document holding it (in document order): the mask of its stored fields and their frequencies.
  const postings: Array<Array<{ doc: number; mask: number; tf: number[] }>> = terms.map(() => []);
  perDoc.forEach((fields, doc) => {
    stored.forEach((fieldNumber, field) => {
      const tf = new Map<number, number>();
      for (const t of fields[fieldNumber]!) {
        const id = number.get(t)!;
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const [id, n] of tf) {
        const list = postings[id]!;
        let last = list[list.length - 1];
        if (last?.doc !== doc) list.push((last = { doc, mask: 0, tf: [] }));
        last.mask |= 1 << field;
        last.tf.push(n - 1);
      }
    });
  });
  function* documentNumbers() {
    for (const list of postings) {
      yield list.length;
      let previous = -1;
      for (const { doc } of list) {
        yield doc - previous - 1;
        previous = doc;
      }
    }
  }
  const entries = postings.flat();
  return {
    format: SEARCH_INDEX_FORMAT,
    fields: SEARCH_FIELDS.map((f) => ({ name: f.name, boost: f.boost, ...(isFromStub(f) ? { fromStub: true as const } : {}) })),
    ...packTermList(terms),
    postings: encodeNumbers(documentNumbers()),
    masks: encodeNumbers(entries.map((e) => e.mask - 1)),
    frequencies: encodeNumbers(entries.flatMap((e) => e.tf)),
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

/**
 * What the browser gets of a document's texts: what the results list shows (result-view.ts: the
 * customer's words, the reply, the summary and body of an entry that is not a script). Tags, and
 * a script's situation (when it has a reply), variants and notes, are searched (the index holds
 * them) but never shown there: the complete file (CLI) keeps them.
 */
function servedText(doc: SearchDocStub, text: SearchDocText | undefined): ServedText {
  const { tags: _tags, body, summary, ...shown } = text ?? {};
  const script = doc.kind === 'script';
  return {
    key: docKey(doc),
    ...shown,
    ...(summary !== undefined && !(script && shown.reply) ? { summary } : {}),
    ...(body && !script ? { body } : {}),
  };
}

/** Each document's texts as served one file per document (path → content). */
export function textFiles(index: SerializedSearchIndex): Array<{ path: string; text: ServedText }> {
  return unpackDocs(index.docs).map((doc, i) => ({ path: searchTextPath(doc), text: servedText(doc, index.texts?.[i]) }));
}

/** Every text in one file (the offline copy). */
export function allTexts(index: SerializedSearchIndex): SerializedTexts {
  return { format: SEARCH_INDEX_FORMAT, texts: unpackDocs(index.docs).map((doc, i) => servedText(doc, index.texts?.[i])) };
}
