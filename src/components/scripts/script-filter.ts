/**
 * The script library's filter (ScriptFilter.svelte): which cards of the page match what was typed.
 * Works on the page's own text, without the search index, so it works offline and at once. Pure.
 *
 * Matching: the text and the query are folded (full-width → half-width, lower case; search's
 * fold, so Traditional input matches when its dictionaries are there) and stripped of spaces and
 * punctuation; every word of the query (split on spaces) must occur in the card.
 */
import { fold } from '../../lib/search/normalise.ts';

/** Folded text without spaces, punctuation and emoji. */
export function compactText(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The words of a query, folded; none for an empty query (everything shows). */
export function filterWords(query: string): string[] {
  return query
    .split(/[\s,，、]+/u)
    .map(compactText)
    .filter(Boolean);
}

/** True when every word occurs in the card's compact text. */
export function cardMatches(cardText: string, words: readonly string[]): boolean {
  return words.every((w) => cardText.includes(w));
}
