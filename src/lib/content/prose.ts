/**
 * The plain text of a workflow's MDX body (the tables and notes below the steps: 扣分项 with their
 * points, who does what), one line per paragraph, table row or list item, for search. Code blocks,
 * imports and components are left out, Markdown marks are removed. Pure.
 */
export function mdxProse(body: string): string[] {
  const text = body
    .replace(/```[\s\S]*?```/g, '')
    .replace(/^\s*(?:import|export)\s.*$/gm, '')
    .replace(/<[^>\n]+>/g, '');
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    if (/^\s*\|?\s*:?-{3,}/.test(raw)) continue; // a table's rule line
    const line = raw
      .replace(/^\s*#{1,6}\s+/, '')
      .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
      .replace(/^\s*>\s?/, '')
      .replace(/\*\*|__|`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .split('|')
      .map((cell) => cell.trim())
      .filter(Boolean)
      .join(' ')
      .trim();
    if (line) lines.push(line);
  }
  return lines;
}
