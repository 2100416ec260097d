/**
 * Text for a terminal: a name or message that came from a file (a trainee's name, a group name, a
 * file name) must not be able to move the cursor, clear the screen, hide later lines or reorder
 * them. Control characters (C0 except tab, DEL, C1), and the bidirectional overrides and isolates
 * are replaced by a visible escape such as `\x1b` or `\u202e`. JSON output needs none of this:
 * JSON.stringify already escapes C0, and the CLI prints JSON exactly.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string) => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line of text, safe to print: every control character is shown as an escape. */
export function terminalSafe(text: string): string {
  return String(text).replace(UNSAFE, escapeChar);
}

/** Several lines: each line made safe, joined by newlines (the only line breaks that survive). */
export function terminalSafeLines(text: string): string {
  return String(text)
    .split(/\r?\n/)
    .map((line) => terminalSafe(line))
    .join('\n');
}
