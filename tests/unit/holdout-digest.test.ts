/**
 * The held-out evaluation sets are the files whose digests were committed in tests/holdout.sha256
 * when they were written, before they were first scored: any edit to them fails here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lines = readFileSync('tests/holdout.sha256', 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [digest, path] = l.trim().split(/\s+/);
    return { digest: digest!, path: path! };
  });

describe('holdout sets', () => {
  it('lists both sets', () => {
    expect(lines.some((l) => l.path.startsWith('tests/calibration/holdout/'))).toBe(true);
    expect(lines.some((l) => l.path.startsWith('tests/search-eval/holdout/'))).toBe(true);
  });
  for (const { digest, path } of lines)
    it(`${path} is as committed before scoring`, () => {
      if (!existsSync(path)) return; // added once tuning stopped
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(digest);
    });
});
