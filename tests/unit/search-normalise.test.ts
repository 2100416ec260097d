import { describe, expect, it } from 'vitest';
import { fold, foldWithMap, isHan } from '../../src/lib/search/normalise.ts';
import { toSimplified } from '../../src/lib/search/simplify.ts';

describe('fold', () => {
  it('applies NFKC: full-width letters and digits are half-width', () => {
    expect(fold('ＶＩＰ')).toBe('vip');
    expect(fold('少２０块')).toBe('少20块');
    expect(fold('ＥＭＳ，　顺丰')).toBe('ems, 顺丰');
  });

  it('folds Traditional to Simplified', () => {
    expect(fold('議價')).toBe('议价');
    expect(fold('退貨怎麼申請')).toBe('退货怎么申请');
    expect(fold('我的貨到哪了')).toBe('我的货到哪了');
    expect(toSimplified('裡面')).toBe('里面');
  });

  it('leaves Simplified text alone (apart from NFKC punctuation)', () => {
    const text = '亲，您的包裹已经发出了，快递网点已经产生的运费需要由您承担哦。';
    expect(fold(text)).toBe(text.normalize('NFKC'));
  });

  it('is safe on any input', () => {
    expect(fold(undefined)).toBe('');
    expect(fold(42)).toBe('');
    expect(fold('\uD800x')).toBe('\uFFFDx');
    expect(fold('a\u200Bb')).toBe('ab');
  });
});

describe('foldWithMap', () => {
  it('maps every folded character back to the original', () => {
    const text = 'Ｖ議價😀x';
    const { folded, start, end } = foldWithMap(text);
    expect(folded).toBe('v议价😀x');
    const i = folded.indexOf('议价');
    expect(text.slice(start[i]!, end[i + 1]!)).toBe('議價');
    const e = folded.indexOf('😀');
    expect(text.slice(start[e]!, end[e + 1]!)).toBe('😀');
    expect(folded).toBe(fold(text));
  });
});

describe('isHan', () => {
  it('recognises Chinese characters only', () => {
    expect(isHan('议')).toBe(true);
    expect(isHan('議')).toBe(true);
    expect(isHan('a')).toBe(false);
    expect(isHan('，')).toBe(false);
  });
});
