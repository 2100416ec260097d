import { describe, expect, it } from 'vitest';
import { cardMatches, compactText, filterWords } from '../../src/components/scripts/script-filter.ts';
import './search-helpers.ts';

describe('script library filter (no index)', () => {
  const card = compactText('顾客要求便宜一点 顾客说：能便宜点吗？ 亲，我们是统一定价的～ 议价处理 · 第一次还价');

  it('matches every word of the query, whatever the spacing, width or punctuation', () => {
    expect(cardMatches(card, filterWords('便宜'))).toBe(true);
    expect(cardMatches(card, filterWords('便宜 议价'))).toBe(true);
    expect(cardMatches(card, filterWords('能便宜点吗？'))).toBe(true);
    expect(cardMatches(card, filterWords('便宜 退款'))).toBe(false);
    expect(cardMatches(compactText('ＶＩＰ 贵宾'), filterWords('vip'))).toBe(true);
    expect(cardMatches(card, filterWords('議價'))).toBe(true);
  });

  it('shows everything for an empty query', () => {
    expect(filterWords('  ')).toEqual([]);
    expect(cardMatches(card, [])).toBe(true);
  });
});
