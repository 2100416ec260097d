import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from '../../src/lib/quiz/chinese-number.ts';
import { numericMatches, parseNumericAnswer } from '../../src/lib/quiz/numeric.ts';

describe('parseChineseNumber', () => {
  it.each([
    ['零', 0],
    ['〇', 0],
    ['一', 1],
    ['两', 2],
    ['兩', 2],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['九十九', 99],
    ['一百', 100],
    ['两百', 200],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一百十', 110],
    ['三百五', 350],
    ['一千', 1000],
    ['一千零五', 1005],
    ['一千零十', 1010],
    ['两千三', 2300],
    ['两千零二十', 2020],
    ['九千九百九十九', 9999],
    ['一万', 10000],
    ['一万五', 15000],
    ['一万零五', 10005],
    ['十万', 100000],
    ['一亿五千万', 150000000],
    ['二〇二四', 2024],
    ['一五', 15],
    ['3千', 3000],
    ['1万5千', 15000],
    ['一点五', 1.5],
    ['零点二五', 0.25],
    ['负三', -3],
    ['壹佰贰拾', 120],
  ] as const)('%s → %s', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '百', '万', '五十三百', '二三十', '十五秒', '一点', '点五', 'abc', '一万万'])('rejects %j', (text) => {
    expect(parseChineseNumber(text)).toBeUndefined();
  });
});

describe('parseNumericAnswer', () => {
  it.each([
    ['15', 15],
    ['15.0', 15],
    ['+15', 15],
    ['-2', -2],
    ['.5', 0.5],
    ['1,500', 1500],
    ['１５', 15],
    [' 1 5 ', 15],
    ['15秒', 15],
    ['15 秒', 15],
    ['十五秒', 15],
    ['十五 秒', 15],
    ['１５秒', 15],
    ['十五', 15],
  ] as const)('%j → %s (unit 秒)', (text, value) => {
    expect(parseNumericAnswer(text, '秒')).toBe(value);
  });

  it.each(['15分钟', '秒', '十五分', '1,50', '15秒秒', ''])('%j is not a number of 秒', (text) => {
    expect(parseNumericAnswer(text, '秒')).toBeUndefined();
  });
});

describe('numericMatches', () => {
  const q = { answer: 15, unit: '秒', accept: ['15s', '十五秒钟'] };

  it.each(['15', '15秒', '十五', '十五秒', '１５', '１５ 秒', ' 15 ', '15S', '十五 秒钟'])('accepts %j', (typed) => {
    expect(numericMatches(q, typed).correct).toBe(true);
  });

  it.each(['16', '15分钟', '一刻钟', '', '十六秒'])('rejects %j', (typed) => {
    expect(numericMatches(q, typed).correct).toBe(false);
  });

  it('accepts a plain number and reports the value read', () => {
    expect(numericMatches(q, 15)).toEqual({ correct: true, value: 15 });
    expect(numericMatches(q, '十六秒')).toEqual({ correct: false, value: 16 });
    expect(numericMatches({ answer: 0.5, accept: [] }, '零点五').correct).toBe(true);
    expect(numericMatches({ answer: 20, unit: '元', accept: [] }, '二十元').correct).toBe(true);
  });
});
