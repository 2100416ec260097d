/**
 * Security headers at build time: the SHA-256 hashes of every inline <script> the site ships
 * (Astro's island loader, the theme and search-shortcut snippets) go into the CSP's script-src of
 * the `_headers` file, so no inline script runs without being listed and nothing injected can.
 * Also reads `_headers` files (for the test and preview servers, which apply them like a host).
 */
import { createHash } from 'node:crypto';

/** The bodies of the inline scripts (those without src) of an HTML page. */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const attrs = m[1] ?? '';
    if (/\bsrc\s*=/.test(attrs)) continue;
    if (/\btype\s*=\s*["']?(application\/(ld\+)?json|text\/template)/i.test(attrs)) continue;
    out.push(m[2] ?? '');
  }
  return out;
}

/** CSP source expression for a script body. */
export function scriptHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/** The `_headers` text with `hashes` added to the script-src of every Content-Security-Policy line. */
export function withScriptHashes(headersText: string, hashes: readonly string[]): string {
  const list = [...new Set(hashes)].sort().join(' ');
  return headersText.replace(/^(\s*Content-Security-Policy:.*?script-src 'self')/gm, `$1${list ? ` ${list}` : ''}`);
}

export interface HeaderRule {
  pattern: string;
  headers: Array<[string, string]>;
}

/** Parses a `_headers` file: a path pattern line, then indented `Name: value` lines. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const i = line.indexOf(':');
    const rule = rules.at(-1);
    if (rule && i > 0) rule.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return rules;
}

/** The headers that apply to `path` (every matching rule, in order; `*` matches anything). */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rules) {
    const re = new RegExp(`^${r.pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    if (re.test(path)) for (const [k, v] of r.headers) out[k] = v;
  }
  return out;
}
