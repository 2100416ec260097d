/**
 * Reading a Mermaid flowchart source without Mermaid: node ids (to link them to steps) and the
 * accessibility lines. Rendering itself happens in a browser (src/lib/node/mermaid-render.ts).
 */

const KEYWORDS = new Set(['flowchart', 'graph', 'subgraph', 'end', 'click', 'style', 'classDef', 'class', 'linkStyle', 'direction', 'accTitle', 'accDescr']);

/** Removes quoted strings, edge labels |…| and shape labels […] (…) {…} (nesting aware). */
function stripLabels(line: string): string {
  let out = '';
  let depth = 0;
  let quote = false;
  let pipe = false;
  for (const ch of line) {
    if (quote) { if (ch === '"') quote = false; continue; }
    if (ch === '"') { quote = true; out += ' '; continue; }
    if (depth === 0 && ch === '|') { pipe = !pipe; out += ' '; continue; }
    if (pipe) continue;
    if (ch === '[' || ch === '(' || ch === '{') { depth++; if (depth === 1) out += ' '; continue; }
    if (ch === ']' || ch === ')' || ch === '}') { depth = Math.max(0, depth - 1); continue; }
    if (depth === 0) out += ch;
  }
  return out;
}

const ARROW = /^<?[-=.]{2,}[->ox]?$|^<?-\.+->?$|^~~~$/;

/**
 * Ids of the nodes declared or used in a flowchart, e.g. "a[文字] --> b{判断}" gives a and b.
 * Convention for this site: arrows stand between spaces (ids may contain hyphens).
 */
export function diagramNodeIds(source: string): Set<string> {
  const ids = new Set<string>();
  for (const raw of source.split('\n')) {
    const line = raw.replace(/%%.*$/, '').trim();
    if (!line) continue;
    const first = line.split(/[\s:]/)[0] ?? '';
    if (KEYWORDS.has(first)) continue;
    for (let token of stripLabels(line).split(/[\s&;]+/)) {
      token = token.replace(/:::.*$/, '').replace(/^>/, '');
      if (!token || ARROW.test(token)) continue;
      if (/^[A-Za-z][\w-]*$/.test(token) && !KEYWORDS.has(token)) ids.add(token);
    }
  }
  return ids;
}

/** Adds accTitle/accDescr after the first line when the source has none. */
export function withAccessibility(source: string, title: string, description: string): string {
  const lines = source.trim().split('\n');
  const extra: string[] = [];
  const clean = (s: string) => s.replace(/[\n\r]+/g, ' ').trim();
  if (!/^\s*accTitle\s*:/m.test(source)) extra.push(`  accTitle: ${clean(title)}`);
  if (!/^\s*accDescr\s*[:{]/m.test(source)) extra.push(`  accDescr: ${clean(description)}`);
  return [lines[0], ...extra, ...lines.slice(1)].join('\n');
}

const RESERVED = new Set(['end', 'class', 'classdef', 'call', 'click', 'style', 'linkstyle', 'subgraph', 'graph', 'flowchart', 'direction']);

/** Node ids Mermaid's flowchart grammar takes for keywords (also anything starting with "end"). */
export function isMermaidReserved(id: string): boolean {
  const lower = id.toLowerCase();
  return RESERVED.has(lower) || lower.startsWith('end');
}
