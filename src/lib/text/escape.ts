/** HTML escaping for text that is put into markup by hand (content text, trainee input). */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => MAP[ch] ?? ch);
}
