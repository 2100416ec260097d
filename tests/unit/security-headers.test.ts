/** The build's header file: inline-script hashes, `_headers` parsing and matching. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { headersFor, inlineScripts, parseHeaders, scriptHash, withScriptHashes } from '../../src/lib/node/security-headers.ts';

describe('security headers', () => {
  it('hashes inline scripts only (not src=, not JSON data)', () => {
    const html =
      '<script>a()</script><script src="/x.js"></script><script type="application/json">{}</script><script type="module">b()</script>';
    expect(inlineScripts(html)).toEqual(['a()', 'b()']);
    // Base64 of SHA-256 over the UTF-8 body (the e2e security test proves browsers agree).
    expect(scriptHash('a()')).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  });
  it('public/_headers gets the hashes in script-src and keeps the rest', () => {
    const text = withScriptHashes(readFileSync('public/_headers', 'utf8'), ["'sha256-b'", "'sha256-a'", "'sha256-a'"]);
    const rules = parseHeaders(text);
    const h = headersFor(rules, '/trainer/dashboard/');
    expect(h['Content-Security-Policy']).toContain("script-src 'self' 'sha256-a' 'sha256-b';");
    expect(h['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(h['Content-Security-Policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('no-referrer');
    expect(headersFor(rules, '/sw.js')['Cache-Control']).toBe('no-cache');
  });
});
