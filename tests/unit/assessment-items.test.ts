/** The item catalogue against the site page (assessment-rewards.mdx) and source 003. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ITEMS, itemById, pointsText, type ItemLevel } from '../../src/lib/assessment/index.ts';

const page = readFileSync('content/workflows/assessment-rewards.mdx', 'utf8');

/** Rows of the table under a "## heading" of the page: [label, points cell]. */
function tableRows(heading: string): [string, string][] {
  const start = page.indexOf(`## ${heading}`);
  expect(start, heading).toBeGreaterThan(-1);
  const next = page.indexOf('\n## ', start + 3);
  const section = page.slice(start, next === -1 ? undefined : next);
  return section
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('|---'))
    .slice(1)
    .map(
      (l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()) as [string, string],
    );
}

const sections: [string, ItemLevel[]][] = [
  ['加分项（每项 +5 分）', ['bonus']],
  ['扣分项：轻度违规', ['light']],
  ['扣分项：中度违规', ['medium']],
  ['扣分项：重度违规', ['severe', 'dismissal']],
];

describe('item catalogue', () => {
  it('has unique kebab-case ids', () => {
    const ids = ITEMS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const [heading, levels] of sections) {
    it(`matches the page table “${heading}” row by row`, () => {
      const rows = tableRows(heading);
      const items = ITEMS.filter((i) => levels.includes(i.level));
      expect(items.map((i) => i.label)).toEqual(rows.map((r) => r[0]));
      items.forEach((item, n) => {
        const cell = rows[n]![1];
        if (item.level === 'dismissal') return expect(cell).toMatch(/^直接辞退/);
        const nums = [...cell.matchAll(/\d+/g)].map((m) => Number(m[0]));
        expect(nums, `${item.id}: ${cell}`).toEqual(item.min === item.max ? [item.min] : [item.min, item.max]);
        expect(cell.startsWith(item.level === 'bonus' ? '+' : item.derived ? '追加 -' : '-'), cell).toBe(true);
      });
    });
  }

  it('uses the source levels: bonus 5, medium 10, severe 20, light 1-5', () => {
    for (const item of ITEMS) {
      if (item.level === 'bonus') expect([item.min, item.max]).toEqual([5, 5]);
      if (item.level === 'medium') expect([item.min, item.max]).toEqual([10, 10]);
      if (item.level === 'severe') expect([item.min, item.max]).toEqual([20, 20]);
      if (item.level === 'light') {
        expect(item.min).toBeGreaterThanOrEqual(1);
        expect(item.max).toBeLessThanOrEqual(5);
        expect(item.min).toBeLessThanOrEqual(item.max);
      }
    }
  });

  it('has as many deduction rows as source 003 has point rules in 三、扣分標準', () => {
    const dir = '/work/shared/seeds';
    const file = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith('003_')) : undefined;
    if (!file) return; // the raw sources are not part of every checkout
    const src = readFileSync(`/work/shared/seeds/${file}`, 'utf8');
    const part = src.slice(src.indexOf('三、扣分標準'), src.indexOf('此外,在每月評定'));
    const rules = part.split('\n').filter((l) => /分\/(次|一次錯誤)|直接辭退/.test(l));
    expect(rules.length).toBe(ITEMS.filter((i) => i.level !== 'bonus').length);
    // the bonus paragraph: two rules share one line in the source
    const bonusPart = src.slice(src.indexOf('二、加分標準'), src.indexOf('三、扣分標準'));
    expect(bonusPart.match(/5分/g)?.length).toBe(ITEMS.filter((i) => i.level === 'bonus').length);
  });

  it('marks the ranges of the source and the per-month items', () => {
    const ranges = ITEMS.filter((i) => i.min !== i.max).map((i) => `${i.id} ${i.min}-${i.max}`);
    expect(ranges).toEqual(['late-early 2-5', 'slow-execution 2-5', 'off-topic-chat 1-2', 'spot-check-error 2-5']);
    expect(itemById('spot-check-error')!.per).toBe('处错误');
    expect(ITEMS.filter((i) => i.maxCount === 1).map((i) => i.id)).toEqual([
      'top-performer',
      'exam-full-marks',
      'zero-complaints',
      'duty-failure',
    ]);
    expect(ITEMS.filter((i) => i.derived).map((i) => i.id)).toEqual(['duty-failure']);
  });

  it('formats points for the page', () => {
    expect(pointsText(itemById('late-early')!)).toBe('2-5 分');
    expect(pointsText(itemById('absenteeism')!)).toBe('20 分');
    expect(pointsText(itemById('sleeping')!)).toBe('直接辞退');
    expect(itemById('nope')).toBeUndefined();
  });
});
