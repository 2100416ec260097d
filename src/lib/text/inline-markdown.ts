/**
 * The small Markdown subset allowed in step bodies: paragraphs (blank line or new line), "- " lists
 * and **bold**. Everything is escaped first, so content can never inject markup.
 */
import { escapeHtml } from './escape.ts';

function inline(text: string): string {
  return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

export function renderInlineMarkdown(source: string): string {
  const out: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) out.push(`<ul>${list.map((li) => `<li>${inline(li)}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    const item = /^[-*]\s+(.*)$/.exec(line) ?? /^\d+[.)、]\s*(.*)$/.exec(line);
    if (item) {
      list.push(item[1] ?? '');
      continue;
    }
    flush();
    if (line) out.push(`<p>${inline(line)}</p>`);
  }
  flush();
  return out.join('');
}
