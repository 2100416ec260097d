/**
 * The QR encoder (src/lib/qr/qr-code.ts) against known values of ISO/IEC 18004: capacities,
 * format and version bits, alignment positions, the Reed-Solomon codewords of the standard's
 * "HELLO WORLD" 1-M example, the fixed patterns; and, when zbarimg is installed, a real decoder
 * reads back what was encoded (links of typical and maximal length, Chinese text, all levels).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alignmentPositions,
  byteCapacity,
  dataCodewords,
  encodeQr,
  formatBits,
  qrPgm,
  qrSvg,
  QrTooLongError,
  rsDivisor,
  rsRemainder,
  versionBits,
  type Ecc,
} from '../../src/lib/qr/qr-code.ts';

describe('tables and codes from the standard', () => {
  it('byte-mode capacities (ISO/IEC 18004 table 7)', () => {
    const known: Array<[number, Ecc, number]> = [
      [1, 'L', 17],
      [1, 'M', 14],
      [1, 'Q', 11],
      [1, 'H', 7],
      [2, 'M', 26],
      [5, 'Q', 60],
      [7, 'L', 154],
      [10, 'M', 213],
      [10, 'H', 119],
      [15, 'L', 520],
      [20, 'M', 666],
      [20, 'Q', 482],
      [25, 'L', 1273],
      [30, 'H', 742],
      [40, 'L', 2953],
      [40, 'M', 2331],
      [40, 'Q', 1663],
      [40, 'H', 1273],
    ];
    for (const [v, e, n] of known) expect(byteCapacity(v, e), `${v}-${e}`).toBe(n);
    expect(dataCodewords(1, 'M')).toBe(16);
    expect(dataCodewords(40, 'L')).toBe(2956);
  });

  it('format information bits (annex C)', () => {
    expect(formatBits('L', 0)).toBe(0b111011111000100);
    expect(formatBits('M', 0)).toBe(0b101010000010010);
    expect(formatBits('Q', 0)).toBe(0b011010101011111);
    expect(formatBits('H', 0)).toBe(0b001011010001001);
    expect(formatBits('M', 5)).toBe(0b100000011001110);
    expect(formatBits('H', 7)).toBe(0b000100000111011);
  });

  it('version information bits (annex D)', () => {
    expect(versionBits(7)).toBe(0x07c94);
    expect(versionBits(8)).toBe(0x085bc);
    expect(versionBits(21)).toBe(0x15683);
    expect(versionBits(40)).toBe(0x28c69);
  });

  it('alignment pattern positions (annex E)', () => {
    expect(alignmentPositions(1)).toEqual([]);
    expect(alignmentPositions(2)).toEqual([6, 18]);
    expect(alignmentPositions(7)).toEqual([6, 22, 38]);
    expect(alignmentPositions(22)).toEqual([6, 26, 50, 74, 98]);
    expect(alignmentPositions(32)).toEqual([6, 34, 60, 86, 112, 138]);
    expect(alignmentPositions(40)).toEqual([6, 30, 58, 86, 114, 142, 170]);
  });

  it('Reed-Solomon codewords of the 1-M "HELLO WORLD" example', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(rsRemainder(data, rsDivisor(10))).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });
});

describe('encodeQr', () => {
  it('draws finders, timing patterns and the dark module; size follows the version', () => {
    const qr = encodeQr('https://sop.example.com/my/?a=1.abc.01234567');
    expect(qr.size).toBe(17 + 4 * qr.version);
    const m = qr.modules;
    const finderRow = [true, true, true, true, true, true, true];
    expect(m[0]!.slice(0, 7)).toEqual(finderRow);
    expect(m[0]!.slice(qr.size - 7)).toEqual(finderRow);
    expect(m[qr.size - 1]!.slice(0, 7)).toEqual(finderRow);
    expect(m[3]!.slice(0, 7)).toEqual([true, false, true, true, true, false, true]);
    for (let i = 8; i < qr.size - 8; i++) {
      expect(m[6]![i]).toBe(i % 2 === 0);
      expect(m[i]![6]).toBe(i % 2 === 0);
    }
    expect(m[qr.size - 8]![8]).toBe(true);
  });

  it('picks the smallest version, raises the level when it is free, refuses what does not fit', () => {
    expect(encodeQr('HELLO WORLD', { ecc: 'L', boostEcc: false })).toMatchObject({ version: 1, ecc: 'L' });
    expect(encodeQr('HELLO WORLD', { ecc: 'L' })).toMatchObject({ version: 1, ecc: 'Q' });
    expect(encodeQr('x'.repeat(215), { ecc: 'M' }).version).toBe(11);
    expect(() => encodeQr('x'.repeat(2332), { ecc: 'M' })).toThrow(QrTooLongError);
  });

  it('the SVG has one path, a quiet zone and an escaped title', () => {
    const qr = encodeQr('hello');
    const svg = qrSvg(qr, { title: '任务 <b>&' });
    expect(svg).toContain(`viewBox="0 0 ${qr.size + 8} ${qr.size + 8}"`);
    expect(svg).toContain('<title>任务 &lt;b&gt;&amp;</title>');
    expect(svg.match(/<path /g)).toHaveLength(1);
  });
});

const zbar = spawnSync('zbarimg', ['--version'], { encoding: 'utf8' }).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'qr-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!zbar)('a real decoder reads it back (zbarimg)', () => {
  const cases: Array<[string, string, Ecc]> = [
    ['short', 'HELLO WORLD', 'M'],
    ['Chinese', '培训任务：6月第2周新人组 https://sop.example.com/', 'Q'],
    ['typical link', `https://sop.example.com/my/?a=1.${'eyJpIjoiazN4OXEybTdhYiIsImciOiI2'.repeat(17)}.1a2b3c4d`, 'M'],
    ['version 7+', 'v'.repeat(180), 'H'],
    ['large', 'L'.repeat(1800), 'L'],
  ];
  for (const [label, text, ecc] of cases) {
    it(label, () => {
      const qr = encodeQr(text, { ecc });
      const file = join(tmp, `${label.replace(/\W+/g, '-')}.pgm`);
      writeFileSync(file, qrPgm(qr, 3));
      const r = spawnSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8' });
      expect(r.stdout.replace(/\n$/, '')).toBe(text);
    });
  }
});
