/**
 * The assignment link codec (src/lib/training/assignment.ts) and its byte helpers (codec.ts):
 * round trips, a typical link's length, and every way a link can arrive broken — truncated at any
 * point, one character changed, another version, not a link at all, valid checksum but bad content.
 */
import { describe, expect, it } from 'vitest';
import { Base64UrlError, crc32Hex, fromBase64Url, toBase64Url, utf8 } from '../../src/lib/training/codec.ts';
import {
  ASSIGNMENT_LINK_VERSION,
  assignmentUrl,
  deadline,
  decodeAssignment,
  encodeAssignment,
  isLate,
  newAssignmentId,
  sameAssignment,
  type Assignment,
} from '../../src/lib/training/assignment.ts';

const typical: Assignment = {
  id: 'k3x9q2m7ab',
  group: '6月第2周新人组',
  trainer: '王老师',
  createdAt: '2026-06-08T01:30:00.000Z',
  due: '2026-06-14',
  tz: 480,
  passMark: 80,
  items: [
    { kind: 'quiz', id: 'reception-standards', version: 1 },
    { kind: 'quiz', id: 'presales-reception-bargain', version: 1 },
    { kind: 'quiz', id: 'cancel-order', version: 1 },
    { kind: 'quiz', id: 'shipping-notify-tracking', version: 1 },
    { kind: 'chat', id: 'bargain-repeat', version: 1 },
    { kind: 'chat', id: 'shipping-where', version: 1 },
    { kind: 'chat', id: 'cancel-printed', version: 1 },
  ],
  trainees: ['张三', '李四', '王五', '赵六', '孙七', '周八'],
  note: '周五下班前完成，有问题找王老师',
};

/** Builds a code around arbitrary JSON with a valid checksum (to test content checks). */
function codeFor(json: string, version = ASSIGNMENT_LINK_VERSION): string {
  const bytes = utf8(json);
  return `${version}.${toBase64Url(bytes)}.${crc32Hex(bytes)}`;
}

describe('byte helpers', () => {
  it('CRC-32 matches the standard check value', () => {
    expect(crc32Hex(utf8('123456789'))).toBe('cbf43926');
    expect(crc32Hex(new Uint8Array())).toBe('00000000');
  });

  it('base64url round-trips every length and agrees with Node', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
      const enc = toBase64Url(bytes);
      expect(enc).toBe(Buffer.from(bytes).toString('base64url'));
      expect([...fromBase64Url(enc)]).toEqual([...bytes]);
    }
  });

  it('base64url refuses foreign characters and impossible lengths', () => {
    expect(() => fromBase64Url('ab+c')).toThrow(Base64UrlError);
    expect(() => fromBase64Url('abcde')).toThrow(/长度/);
  });
});

describe('assignment link', () => {
  it('round-trips, is deterministic and stays short', () => {
    const code = encodeAssignment(typical);
    expect(code).toMatch(/^1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    const back = decodeAssignment(code);
    expect(back).toEqual({ ok: true, assignment: typical, code });
    expect(encodeAssignment(typical)).toBe(code);
    expect(sameAssignment(typical, structuredClone(typical))).toBe(true);
    const url = assignmentUrl('https://sop.example.com', '/my/', typical);
    // 7 items, 6 names, a note: well under 1 000 characters (fits a QR code at level M).
    expect(url.length).toBeLessThan(1000);
    console.log(`typical assignment link: ${url.length} characters`);
  });

  it('keeps the optional LRS and leaves out what is empty', () => {
    const withLrs: Assignment = {
      ...typical,
      trainees: [],
      note: undefined as unknown as string,
      lrs: { endpoint: 'http://127.0.0.1:8080/xapi', auth: 'Basic dGVzdDp0ZXN0' },
    };
    delete (withLrs as Partial<Assignment>).note;
    const back = decodeAssignment(encodeAssignment(withLrs));
    expect(back.ok && back.assignment).toEqual(withLrs);
  });

  it('reads the code out of a whole link, also with spaces or line breaks inserted by a chat app', () => {
    const url = assignmentUrl('https://sop.example.com', '/my/', typical);
    expect(decodeAssignment(url).ok).toBe(true);
    const broken = `${url.slice(0, 60)}\n ${url.slice(60, 200)} ${url.slice(200)}`;
    expect(decodeAssignment(broken).ok).toBe(true);
    expect(decodeAssignment(`${url}&utm=x#top`).ok).toBe(true);
  });

  it('a link truncated anywhere is refused with a message, never half-read', () => {
    const url = assignmentUrl('https://sop.example.com', '/my/', typical);
    const start = url.indexOf('a=') + 2;
    for (let cut = start; cut < url.length; cut += 7) {
      const r = decodeAssignment(url.slice(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
      if (!r.ok) expect(['missing', 'format', 'truncated', 'checksum']).toContain(r.problem);
    }
    const r = decodeAssignment(url.slice(0, -3));
    expect(r).toMatchObject({ ok: false, problem: 'truncated' });
    if (!r.ok) expect(r.message).toMatch(/链接不完整.*被截断.*没有保存任何内容/);
  });

  it('one changed character anywhere in the payload fails the checksum', () => {
    const code = encodeAssignment(typical);
    const payloadEnd = code.lastIndexOf('.');
    for (let i = 2; i < payloadEnd; i += 5) {
      const c = code[i] === 'A' ? 'B' : 'A';
      const r = decodeAssignment(code.slice(0, i) + c + code.slice(i + 1));
      expect(r.ok, `changed at ${i}`).toBe(false);
      if (!r.ok) expect(r.problem).toBe('checksum');
    }
    const r = decodeAssignment(`${code.slice(0, payloadEnd)}.00000000`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/校验失败/);
  });

  it('says what is wrong with other versions, foreign text and empty links', () => {
    const later = decodeAssignment(codeFor('{}', 2));
    expect(later).toMatchObject({ ok: false, problem: 'version' });
    if (!later.ok) expect(later.message).toMatch(/更新版本.*第 2 版.*刷新/);
    expect(decodeAssignment(codeFor('{}', 0))).toMatchObject({ ok: false, problem: 'version' });
    expect(decodeAssignment('hello world')).toMatchObject({ ok: false, problem: 'format' });
    expect(decodeAssignment('')).toMatchObject({ ok: false, problem: 'missing' });
    expect(decodeAssignment('https://sop.example.com/my/')).toMatchObject({ ok: false, problem: 'missing' });
    expect(decodeAssignment('https://sop.example.com/my/?a=')).toMatchObject({ ok: false, problem: 'missing' });
    expect(decodeAssignment('1.abc.def.0123abcd')).toMatchObject({ ok: false, problem: 'format' });
  });

  it('a checksummed payload with bad content names the field', () => {
    const wire = JSON.parse(
      JSON.stringify({ i: 'abcdef1234', g: '组', c: 1, d: '2026-06-31', z: 480, p: 150, q: [['cancel-order', 1]], s: [] }),
    );
    const r = decodeAssignment(codeFor(JSON.stringify(wire)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe('content');
      expect(r.message).toContain('截止日期 (d)');
      expect(r.message).toContain('及格线 (p)');
    }
    const empty = decodeAssignment(codeFor(JSON.stringify({ ...wire, d: '2026-06-30', p: 80, q: [] })));
    expect(!empty.ok && empty.message).toMatch(/至少要布置一个测验或模拟对话/);
    const extra = decodeAssignment(codeFor(JSON.stringify({ ...wire, d: '2026-06-30', p: 80, evil: '<script>' })));
    expect(!extra.ok && extra.message).toMatch(/不认识的字段 evil/);
    const notJson = decodeAssignment(codeFor('not json'));
    expect(notJson).toMatchObject({ ok: false, problem: 'content' });
    const html = decodeAssignment(codeFor(JSON.stringify({ ...wire, d: '2026-06-30', p: 80, i: '<img src=x>' })));
    expect(!html.ok && html.message).toMatch(/任务编号 \(i\)/);
  });

  it('the due date ends at 23:59:59.999 in the assignment time zone', () => {
    const a = { due: '2026-06-14', tz: 480 };
    expect(new Date(deadline(a)).toISOString()).toBe('2026-06-14T15:59:59.999Z');
    expect(isLate(a, '2026-06-14T15:59:59.000Z')).toBe(false);
    expect(isLate(a, '2026-06-14T16:00:00.000Z')).toBe(true);
    expect(isLate(a, '')).toBe(false);
  });

  it('new ids are 10 characters of [a-z0-9]', () => {
    expect(newAssignmentId()).toMatch(/^[a-z0-9]{10}$/);
    expect(newAssignmentId(() => 0.999999)).toBe('9999999999');
  });
});
