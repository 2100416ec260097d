/**
 * Byte-level helpers of the training formats (pure, browser- and Node-safe, no Buffer):
 * UTF-8, strict base64url (RFC 4648 §5, no padding) and CRC-32 (IEEE 802.3, the zip/PNG one).
 */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64URL].map((c, i) => [c, i]));

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Decodes UTF-8; throws on invalid byte sequences (a corrupted payload must not decode to �). */
export function fromUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}

export class Base64UrlError extends Error {
  readonly kind: 'character' | 'length';
  constructor(kind: 'character' | 'length', message: string) {
    super(message);
    this.kind = kind;
  }
}

/**
 * Strict base64url decoding: only the 64 URL-safe characters, no padding; a length that cannot
 * come from whole bytes (4n + 1) or non-zero spare bits throws Base64UrlError.
 */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Base64UrlError('length', `长度 ${text.length} 不可能是完整的 base64url 内容`);
  const values: number[] = [];
  for (const [i, c] of [...text].entries()) {
    const v = B64_INDEX.get(c);
    if (v === undefined) throw new Base64UrlError('character', `第 ${i + 1} 个字符 “${c}” 不属于 base64url`);
    values.push(v);
  }
  const out = new Uint8Array(Math.floor((values.length * 6) / 8));
  let o = 0;
  let i = 0;
  for (; i + 3 < values.length; i += 4) {
    const n = (values[i]! << 18) | (values[i + 1]! << 12) | (values[i + 2]! << 6) | values[i + 3]!;
    out[o++] = (n >> 16) & 255;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = values.length - i;
  if (rest === 2) {
    const n = (values[i]! << 18) | (values[i + 1]! << 12);
    if (n & 0xffff) throw new Base64UrlError('length', '结尾的 base64url 字符不完整');
    out[o] = (n >> 16) & 255;
  } else if (rest === 3) {
    const n = (values[i]! << 18) | (values[i + 1]! << 12) | (values[i + 2]! << 6);
    if (n & 0xff) throw new Base64UrlError('length', '结尾的 base64url 字符不完整');
    out[o] = (n >> 16) & 255;
    out[o + 1] = (n >> 8) & 255;
  }
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE, reflected, polynomial 0xEDB88320) of the bytes: crc32(utf8("123456789")) = 0xcbf43926. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 as 8 lower-case hex digits. */
export function crc32Hex(bytes: Uint8Array): string {
  return crc32(bytes).toString(16).padStart(8, '0');
}
