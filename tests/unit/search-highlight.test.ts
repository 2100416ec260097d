import { describe, expect, it } from 'vitest';
import { highlight, matchRanges, toSegments } from '../../src/lib/search/highlight.ts';
import { resultView } from '../../src/lib/search/result-view.ts';
import { analyseQuery } from '../../src/lib/search/query.ts';
import { DOCS } from './search-helpers.ts';

const marked = (segments: { text: string; hit: boolean }[]) => segments.filter((s) => s.hit).map((s) => s.text);

describe('matchRanges', () => {
  it('merges overlapping pairs into one range', () => {
    expect(matchRanges('亲，快递到哪了呢', ['快递', '递到', '到哪'])).toEqual([[2, 6]]);
  });

  it('finds folded terms in Traditional and full-width text', () => {
    expect(marked(highlight('這次議價失敗', ['议价']))).toEqual(['議價']);
    expect(marked(highlight('ＶＩＰ客户', ['vip']))).toEqual(['ＶＩＰ']);
  });

  it('never lands inside a surrogate pair', () => {
    const text = '😀便宜😀';
    const [[s, e]] = matchRanges(text, ['便宜']) as [[number, number]];
    expect(text.slice(s, e)).toBe('便宜');
  });
});

describe('segments', () => {
  it('keeps markup as plain text', () => {
    const text = '<script>alert("便宜")</script>';
    const segments = highlight(text, ['便宜']);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(marked(segments)).toEqual(['便宜']);
  });

  it('covers the whole text without marks when nothing matches', () => {
    expect(toSegments('abc', [])).toEqual([{ text: 'abc', hit: false }]);
    expect(highlight('', ['x'])).toEqual([]);
  });

  it('cuts long text around the first match with an ellipsis', () => {
    const text = `${'甲'.repeat(100)}便宜${'乙'.repeat(100)}`;
    const segments = highlight(text, ['便宜'], { maxChars: 30, before: 5 });
    expect(segments[0]).toEqual({ text: '…', hit: false });
    expect(segments.at(-1)).toEqual({ text: '…', hit: false });
    expect(marked(segments)).toEqual(['便宜']);
    expect(Array.from(segments.map((s) => s.text).join('')).length).toBe(32);
  });

  it('does not split emoji when cutting', () => {
    const text = '😀'.repeat(50);
    const joined = highlight(text, [], { maxChars: 10 })
      .map((s) => s.text)
      .join('');
    expect(joined).toBe(`${'😀'.repeat(10)}…`);
  });
});

describe('resultView', () => {
  it('shows a script with its matching customer words, excerpt and the reply to copy', () => {
    const doc = DOCS[0]!;
    const view = resultView({ doc, ref: 0 }, analyseQuery('能便宜点吗').highlight);
    expect(view.kind).toBe('script');
    expect(view.copyText).toBe(doc.reply);
    expect(marked(view.title)).toEqual(['便宜']);
    expect(view.quote?.map((s) => s.text).join('')).toBe('能便宜点吗');
    expect(view.contextUrl).toBe(doc.contextUrl);
  });

  it("copies a workflow's summary, a step's summary and a standard's rule, and says which", () => {
    const view = (i: number) => resultView({ doc: DOCS[i]!, ref: i }, ['议价']);
    expect([view(4).copyText, view(4).copies]).toEqual(['顾客还价时按权限处理。', 'summary']);
    expect([view(5).copyText, view(5).copies]).toEqual(['每天查看物流信息，异常时联系快递。', 'summary']);
    expect([view(6).copyText, view(6).copies]).toEqual(['顾客第一次发来消息后 15 秒内回复。', 'rule']);
    expect(view(0).copies).toBe('reply');
  });
});
