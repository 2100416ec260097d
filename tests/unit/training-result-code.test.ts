/**
 * 成绩码 (src/lib/training/result-code.ts): a result file as a compressed, checksummed base64url
 * text with a prefix; found many at a time in a pasted WeChat chat (names, times, line breaks
 * inserted inside a code), decoded to the same JSON a file holds; broken codes named one by one.
 */
import { describe, expect, it } from 'vitest';
import { decodeResultCode, encodeResultCode, findResultCodes, parseResultCodes } from '../../src/lib/training/result-code.ts';
import { importResultFiles } from '../../src/lib/training/regrade.ts';
import { makeAssignment, makeFile, text } from './training-helpers.ts';

describe('成绩码', () => {
  it('round-trips a result file, is much smaller than the file, and uses only safe characters', async () => {
    const file = makeFile();
    const code = await encodeResultCode(file);
    expect(code).toMatch(/^SOPR1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    const json = JSON.stringify(file);
    console.log(`result file ${json.length} characters of JSON → code ${code.length} characters`);
    expect(code.length).toBeLessThan(json.length);
    const [found] = findResultCodes(code);
    const decoded = await decodeResultCode(found!);
    expect(decoded.ok && JSON.parse(decoded.text)).toEqual(file);
  });

  it('finds every code in a pasted chat log, with line breaks inside, and names the broken ones', async () => {
    const a = makeAssignment();
    const codes = await Promise.all(
      ['张三', '李四', '王五'].map((name, i) => encodeResultCode(makeFile({ assignment: a, name, device: `dev000000000${i}` }))),
    );
    const wrapped = `${codes[1]!.slice(0, 40)}\n${codes[1]!.slice(40, 90)} ${codes[1]!.slice(90)}`;
    const flipped = codes[2]!.replace(/\.([0-9a-f]{8})$/, (_m, crc: string) => `.${crc[0] === '0' ? '1' : '0'}${crc.slice(1)}`);
    const cut = codes[0]!.slice(0, 60);
    const pasted = ['张三 10:01', codes[0], '李四 10:03', wrapped, '王五 10:05', `成绩码：${flipped}`, '赵六 10:06', cut, '（完）'].join(
      '\n',
    );
    const r = await parseResultCodes(pasted);
    expect(r.found).toBe(4);
    expect(r.codes.map((c) => c.ok)).toEqual([true, true, false, false]);
    const messages = r.codes.flatMap((c) => (c.ok ? [] : [c.message]));
    expect(messages[0]).toContain('第 3 个成绩码校验失败');
    expect(messages[1]).toContain('第 4 个成绩码不完整');
    const inputs = r.codes.flatMap((c) => (c.ok ? [{ name: `成绩码 ${c.index}`, size: c.size, text: c.text }] : []));
    const imported = importResultFiles(inputs, []);
    expect(imported.accepted.map((x) => x.file.trainee.name)).toEqual(['张三', '李四']);
    // The same code pasted again is the same file: refused as already imported.
    expect(importResultFiles(inputs.slice(0, 1), imported.accepted).accepted).toEqual([]);
  });

  it('garbage after the prefix is named, never thrown', async () => {
    const r = await parseResultCodes('SOPR1.@@@@.12345678 and SOPR1.QUJD.00000000');
    expect(r.codes.every((c) => !c.ok)).toBe(true);
    expect(text({})).toBe('{}\n');
  });
});

describe('codesToImportInputs (sop regrade <text file of codes>)', () => {
  it('turns a text of codes into named inputs and messages; null for JSON or no code', async () => {
    const { codesToImportInputs } = await import('../../src/lib/training/result-code.ts');
    const code = await encodeResultCode(makeFile());
    const r = await codesToImportInputs('codes.txt', `张三：${code}\n李四：SOPR1.abc`);
    expect(r!.inputs.map((i) => i.name)).toEqual(['codes.txt #1']);
    expect(r!.messages.map((m) => [m.file, m.level])).toEqual([['codes.txt #2', 'error']]);
    expect(importResultFiles(r!.inputs, []).accepted).toHaveLength(1);
    expect(await codesToImportInputs('a.json', text(makeFile()))).toBeNull();
    expect(await codesToImportInputs('a.txt', 'hello')).toBeNull();
  });
});
