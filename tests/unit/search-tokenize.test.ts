import { describe, expect, it } from 'vitest';
import { hanPairs, indexRunTokens, runs, tokenize, words } from '../../src/lib/search/tokenize.ts';
import { fold } from '../../src/lib/search/normalise.ts';
import { installSimplifier } from '../../src/lib/search/opencc.ts';

installSimplifier();

describe('runs', () => {
  it('ignores punctuation and spaces next to Chinese, keeps Latin words apart', () => {
    expect(runs(fold('快递，到哪了？'))).toEqual(['快递到哪了']);
    expect(runs(fold('能 便宜 点吗'))).toEqual(['能便宜点吗']);
    expect(runs(fold('VIP 客户'))).toEqual(['vip客户']);
    expect(runs(fold('7-15 个工作日'))).toEqual(['7', '15个工作日']);
    expect(runs(fold('😀😀'))).toEqual([]);
  });
});

describe('hanPairs', () => {
  it('makes overlapping pairs; a lone character is itself', () => {
    expect(hanPairs('快递到哪了')).toEqual(['快递', '递到', '到哪', '哪了']);
    expect(hanPairs('退')).toEqual(['退']);
    expect(hanPairs('vip客户')).toEqual(['客户']);
  });
});

describe('words', () => {
  it("gives a number's unit (the character right after it) on its own too", () => {
    expect(hanPairs('3天内完成')).toEqual(['天', '天内', '内完', '完成']);
    expect(tokenize('每次扣 5 分')).toContain('分');
    expect(tokenize('不超过 20 元，请示主管')).toContain('元');
  });

  it('keeps Han words of two characters or more and Latin words', () => {
    expect(words('能便宜点吗')).toEqual(['便宜']);
    const w = words('vip客户15秒');
    expect(w).toContain('vip');
    expect(w).toContain('15');
  });
});

describe('tokenize', () => {
  it('gives the same tokens for Traditional, full-width and Simplified spellings', () => {
    expect(tokenize('議價')).toEqual(tokenize('议价'));
    expect(tokenize('ＶＩＰ客戶')).toEqual(tokenize('VIP客户'));
    expect(tokenize('快递 到哪了!')).toEqual(tokenize('快递到哪了'));
  });

  it('contains the pairs, so part of a word matches', () => {
    const tokens = tokenize('七天无理由退货');
    expect(tokens).toEqual(expect.arrayContaining(['七天', '天无', '无理', '理由', '退货']));
  });

  it('returns nothing for emoji, markup characters or nothing at all', () => {
    expect(tokenize('😀🙏')).toEqual([]);
    expect(tokenize('.*()[]')).toEqual([]);
    expect(tokenize('')).toEqual([]);
    expect(tokenize(null)).toEqual([]);
  });

  it('drops absurdly long tokens', () => {
    expect(tokenize('x'.repeat(2000))).toEqual([]);
  });
});

describe('indexRunTokens (the index of the short fields)', () => {
  it('leaves out the pairs across a word a query drops (的床, 拍了), keeps every other pair and the words', () => {
    const tokens = indexRunTokens('我拍了18米的床');
    for (const t of ['我拍', '拍了', '米的', '的床']) expect(tokens).not.toContain(t);
    expect(tokens).toContain('18');
    expect(indexRunTokens('床尾磕掉一块漆')).toEqual(expect.arrayContaining(['床尾', '尾磕', '磕掉', '块漆']));
    // A pair inside a word stays, even when one of its characters alone is a dropped word (了 in 了解).
    expect(indexRunTokens('我想了解一下价格')).toEqual(expect.arrayContaining(['了解', '价格']));
  });
});
