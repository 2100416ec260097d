/**
 * 成绩码: a result file as a compact text that survives being pasted into a WeChat chat, for
 * trainees who work inside WeChat's in-app browser (it cannot download files):
 *
 *   SOPR1.<payload>.<crc>
 *
 *   SOPR1      recognisable prefix and format version
 *   <payload>  base64url (no padding) of the raw-DEFLATE-compressed UTF-8 of the result file's
 *              compact JSON (result-file.ts; the same object a file holds)
 *   <crc>      CRC-32 of the uncompressed UTF-8 bytes, 8 hex digits
 *
 * findResultCodes() finds every code in a pasted text (a chat log with names, times and several
 * codes), ignoring spaces and line breaks that chat apps insert inside a code; decodeResultCodes()
 * checks each and returns the result-file JSON text to import like a file (importResultFiles), or a
 * message naming the broken code. Compression uses the platform's CompressionStream (browsers and
 * Node 18+).
 */
import { Base64UrlError, crc32Hex, fromBase64Url, fromUtf8, toBase64Url, utf8 } from './codec.ts';
import type { ImportInput, ImportMessage } from './regrade.ts';
import type { ResultFile } from './result-file.ts';

export const RESULT_CODE_PREFIX = 'SOPR1';
/** Longer codes are refused before decompressing (a real one is a few KB). */
export const MAX_CODE_CHARS = 400_000;
const MAX_INFLATED_BYTES = 5 * 1024 * 1024;

interface ByteStream {
  readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } };
  writable: { getWriter(): { write(b: Uint8Array): Promise<void>; close(): Promise<void> } };
}
type StreamCtor = new (format: 'deflate-raw') => ByteStream;

function streams(): { C: StreamCtor; D: StreamCtor } {
  const g = globalThis as unknown as { CompressionStream?: StreamCtor; DecompressionStream?: StreamCtor };
  if (!g.CompressionStream || !g.DecompressionStream) throw new Error('这个浏览器不支持压缩（CompressionStream），请换用新版浏览器');
  return { C: g.CompressionStream, D: g.DecompressionStream };
}

async function pipe(Ctor: StreamCtor, input: Uint8Array, limit: number): Promise<Uint8Array> {
  const s = new Ctor('deflate-raw');
  const writer = s.writable.getWriter();
  const written = writer.write(input).then(() => writer.close());
  // A broken input rejects both sides; the reader's error is the one reported.
  written.catch(() => undefined);
  const reader = s.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value) {
      total += value.length;
      if (total > limit) throw new RangeError('too large');
      chunks.push(value);
    }
  }
  await written;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The 成绩码 of a result file. */
export async function encodeResultCode(file: ResultFile): Promise<string> {
  const bytes = utf8(JSON.stringify(file));
  const packed = await pipe(streams().C, bytes, Number.MAX_SAFE_INTEGER);
  return `${RESULT_CODE_PREFIX}.${toBase64Url(packed)}.${crc32Hex(bytes)}`;
}

export interface FoundCode {
  /** 1-based position among the codes found in the text. */
  index: number;
  /** The code with inserted whitespace removed. */
  code: string;
}

/**
 * Every code in a pasted text, in order. A code may be broken by spaces or line breaks; it runs
 * from the prefix over base64url characters to a dot and 8 hex digits (or to where it stops: then
 * decoding names it as cut off).
 */
export function findResultCodes(text: string): FoundCode[] {
  const out: FoundCode[] = [];
  const re = new RegExp(`${RESULT_CODE_PREFIX}\\s*\\.`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let i = m.index + m[0].length;
    let payload = '';
    while (i < text.length && /[A-Za-z0-9_\-\s]/.test(text[i]!)) {
      // A line that starts with another code ends this one.
      if (text.startsWith(RESULT_CODE_PREFIX, i)) break;
      payload += text[i];
      i++;
    }
    let crc = '';
    if (text[i] === '.') {
      let j = i + 1;
      while (j < text.length && crc.length < 8 && /[0-9a-fA-F\s]/.test(text[j]!)) {
        if (!/\s/.test(text[j]!)) crc += text[j];
        j++;
      }
      i = j;
    }
    // Trailing whitespace belongs to the chat, not the code.
    const compact = payload.replace(/\s+/g, '');
    out.push({ index: out.length + 1, code: `${RESULT_CODE_PREFIX}.${compact}${crc ? `.${crc.toLowerCase()}` : ''}` });
    re.lastIndex = Math.max(i, m.index + 1);
  }
  return out;
}

export type DecodedCode = { index: number; ok: true; text: string; size: number } | { index: number; ok: false; message: string };

/** Checks and unpacks one code: the result file's JSON text, or why not. */
export async function decodeResultCode(found: FoundCode): Promise<DecodedCode> {
  const bad = (message: string): DecodedCode => ({ index: found.index, ok: false, message: `第 ${found.index} 个成绩码${message}` });
  const parts = found.code.split('.');
  if (found.code.length > MAX_CODE_CHARS) return bad('太长，不是本网站生成的成绩码');
  if (parts.length !== 3 || !/^[0-9a-f]{8}$/.test(parts[2] ?? '') || !parts[1])
    return bad('不完整（结尾的校验码缺失或不全）：复制时可能只复制了一部分，请学员重新复制完整的成绩码');
  let packed: Uint8Array;
  try {
    packed = fromBase64Url(parts[1]);
  } catch (err) {
    return bad(`含有无效字符${err instanceof Base64UrlError ? `（${err.message}）` : ''}，请学员重新复制`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await pipe(streams().D, packed, MAX_INFLATED_BYTES);
  } catch (err) {
    return bad(err instanceof RangeError ? '解开后超过 5 MB，不是正常的成绩码' : '已损坏（无法解压），请学员重新复制');
  }
  if (crc32Hex(bytes) !== parts[2]) return bad('校验失败：内容被改动或复制不全，请学员重新复制');
  return { index: found.index, ok: true, text: fromUtf8(bytes), size: bytes.length };
}

/** Finds and decodes every code in a pasted text. */
export async function parseResultCodes(text: string): Promise<{ found: number; codes: DecodedCode[] }> {
  const found = findResultCodes(text);
  const codes: DecodedCode[] = [];
  for (const f of found) codes.push(await decodeResultCode(f));
  return { found: found.length, codes };
}

/**
 * A text file (or pasted text) holding 成绩码 as import inputs, each named "<name> #<n>", and a
 * message per broken code; null when the text has no code (then it is read as a result file).
 * For `sop regrade <file>` and the dashboard's paste box.
 */
export async function codesToImportInputs(
  name: string,
  text: string,
): Promise<{ inputs: ImportInput[]; messages: ImportMessage[] } | null> {
  if (!text.includes(RESULT_CODE_PREFIX) || /^\s*[{[]/.test(text)) return null;
  const parsed = await parseResultCodes(text);
  if (!parsed.found) return null;
  const inputs: ImportInput[] = [];
  const messages: ImportMessage[] = [];
  for (const c of parsed.codes) {
    const label = `${name} #${c.index}`;
    if (c.ok) inputs.push({ name: label, size: c.size, text: c.text });
    else messages.push({ file: label, level: 'error', text: c.message });
  }
  return { inputs, messages };
}
