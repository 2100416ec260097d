import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold, foldWithMap, isHan } from '../../src/lib/search/normalise.ts';
import { needsSimplifying, toSimplified } from '../../src/lib/search/simplify.ts';
import { createConverter, installSimplifier, OPENCC_STEPS } from '../../src/lib/search/opencc.ts';
import { TRADITIONAL_MODULE, traditionalModule } from '../../src/lib/node/search-traditional.ts';
import { buildSearchIndexFromDisk } from '../../src/lib/node/search-index.ts';
import { documentText } from '../../src/lib/search/documents.ts';
import { unpackDocs } from '../../src/lib/search/index-format.ts';
import { readEvalQueries } from '../../src/lib/node/search-eval.ts';
import { projectRoot } from '../../src/cli/root.ts';

installSimplifier();

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

describe('the table of Traditional characters (traditional.ts)', () => {
  it('is up to date with the opencc dictionaries (else: node src/lib/node/search-traditional.ts)', () => {
    expect(readFileSync(TRADITIONAL_MODULE, 'utf8')).toBe(traditionalModule());
  });

  it('is small: about 2 kB gzipped, in the search code', () => {
    expect(readFileSync(TRADITIONAL_MODULE).length).toBeLessThan(8_000);
  });

  it('finds Traditional text and lets Simplified text pass', () => {
    for (const t of ['議價', '退貨怎麼申請', '快遞到哪了', '裡面', '回覆', '貴賓']) expect(needsSimplifying(t), t).toBe(true);
    for (const t of ['议价', '怎么申请退货', '什么时候发货', '东西坏了', 'VIP 客户', '', '😀']) expect(needsSimplifying(t), t).toBe(false);
  });

  it('leaves nothing to convert: text without its characters converts to itself (content, queries, dictionaries)', () => {
    const convert = createConverter();
    const root = projectRoot();
    const index = buildSearchIndexFromDisk(root);
    const docs = unpackDocs(index.docs).map((d, i) => ({ ...d, ...index.texts![i] }));
    const words = OPENCC_STEPS.flat().flatMap((d) => d.split('|').flatMap((line) => line.split(' ')));
    const texts = [...docs.map(documentText), ...readEvalQueries(root).map((q) => q.q), ...words];
    // And random neighbours of dictionary words (phrases can meet at their edges).
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length;
    for (let i = 0; i < 20_000; i++) texts.push(words[next()]! + words[next()]! + words[next()]!);
    // A lone 么 (opencc: 幺) or 苧 is the one exception: they are ordinary Simplified characters.
    const missed = texts.filter(
      (t) => !needsSimplifying(t) && convert(t) !== t && !/^[么苧]+$/.test([...t].filter((c, i) => c !== [...convert(t)][i]).join('')),
    );
    expect(missed).toEqual([]);
  }, 60_000);
});
