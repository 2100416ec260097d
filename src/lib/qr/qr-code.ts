/**
 * A small QR code encoder (ISO/IEC 18004), pure TypeScript, no DOM: byte mode (UTF-8), versions
 * 1-40, error correction L/M/Q/H, the mask with the lowest penalty. Enough for the assignment
 * links (a few hundred ASCII characters). Follows the structure of Project Nayuki's public-domain
 * reference design: data → codewords → Reed-Solomon blocks → interleave → modules → mask.
 *
 *   const qr = encodeQr('https://example.com/my/?a=1.eyJ…', { ecc: 'M' });
 *   qr.size, qr.version, qr.modules[y][x] (true = dark)
 *   qrSvg(qr) → '<svg …>' with one path and a 4-module quiet zone
 */

export type Ecc = 'L' | 'M' | 'Q' | 'H';

/** Error correction level → index in the tables and the 2 format bits. */
const ECC: Record<Ecc, { ordinal: number; formatBits: number }> = {
  L: { ordinal: 0, formatBits: 1 },
  M: { ordinal: 1, formatBits: 0 },
  Q: { ordinal: 2, formatBits: 3 },
  H: { ordinal: 3, formatBits: 2 },
};

// prettier-ignore
const ECC_CODEWORDS_PER_BLOCK: number[][] = [
  // version: 0 (unused), 1 … 40
  [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30], // L
  [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28], // M
  [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30], // Q
  [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30], // H
];

// prettier-ignore
const NUM_ERROR_CORRECTION_BLOCKS: number[][] = [
  [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25], // L
  [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49], // M
  [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68], // Q
  [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81], // H
];

export interface QrCode {
  version: number;
  ecc: Ecc;
  /** Width and height in modules (17 + 4 × version). */
  size: number;
  /** The mask pattern used (0-7). */
  mask: number;
  /** modules[y][x]: true = dark. */
  modules: boolean[][];
}

/** Modules available for data and error correction in a version (everything but function patterns). */
export function rawDataModules(version: number): number {
  let result = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const numAlign = Math.floor(version / 7) + 2;
    result -= (25 * numAlign - 10) * numAlign - 55;
    if (version >= 7) result -= 36;
  }
  return result;
}

/** Data codewords (bytes) a version and level hold, error correction excluded. */
export function dataCodewords(version: number, ecc: Ecc): number {
  const e = ECC[ecc].ordinal;
  return Math.floor(rawDataModules(version) / 8) - ECC_CODEWORDS_PER_BLOCK[e]![version]! * NUM_ERROR_CORRECTION_BLOCKS[e]![version]!;
}

/** The largest number of bytes byte mode fits in a version and level. */
export function byteCapacity(version: number, ecc: Ecc): number {
  const countBits = version <= 9 ? 8 : 16;
  return Math.floor((dataCodewords(version, ecc) * 8 - 4 - countBits) / 8);
}

// ---- Reed-Solomon over GF(2^8) with the polynomial 0x11D ----

function gfMultiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

/** Generator polynomial coefficients of the given degree (leading 1 omitted), highest first. */
export function rsDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < result.length; j++) {
      result[j] = gfMultiply(result[j]!, root);
      if (j + 1 < result.length) result[j] = result[j]! ^ result[j + 1]!;
    }
    root = gfMultiply(root, 0x02);
  }
  return result;
}

/** The error correction codewords of `data` for a divisor from rsDivisor. */
export function rsRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const result = new Array<number>(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ result.shift()!;
    result.push(0);
    divisor.forEach((coef, i) => (result[i] = result[i]! ^ gfMultiply(coef, factor)));
  }
  return result;
}

/** Splits the data codewords into blocks, adds error correction, interleaves. */
export function addEccAndInterleave(data: readonly number[], version: number, ecc: Ecc): number[] {
  const e = ECC[ecc].ordinal;
  const numBlocks = NUM_ERROR_CORRECTION_BLOCKS[e]![version]!;
  const blockEccLen = ECC_CODEWORDS_PER_BLOCK[e]![version]!;
  const rawCodewords = Math.floor(rawDataModules(version) / 8);
  const numShortBlocks = numBlocks - (rawCodewords % numBlocks);
  const shortBlockLen = Math.floor(rawCodewords / numBlocks);

  const blocks: number[][] = [];
  const divisor = rsDivisor(blockEccLen);
  for (let i = 0, k = 0; i < numBlocks; i++) {
    const dat = data.slice(k, k + shortBlockLen - blockEccLen + (i < numShortBlocks ? 0 : 1));
    k += dat.length;
    const block = [...dat];
    if (i < numShortBlocks) block.push(0); // placeholder so every block has the same length
    block.push(...rsRemainder(dat, divisor));
    blocks.push(block);
  }
  const result: number[] = [];
  for (let i = 0; i < blocks[0]!.length; i++) {
    blocks.forEach((block, j) => {
      if (i !== shortBlockLen - blockEccLen || j >= numShortBlocks) result.push(block[i]!);
    });
  }
  return result;
}

// ---- Matrix ----

/** Positions of the alignment pattern centres for a version, ascending. */
export function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const numAlign = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (numAlign * 2 - 2)) * 2;
  const result = [6];
  for (let pos = version * 4 + 10; result.length < numAlign; pos -= step) result.splice(1, 0, pos);
  return result;
}

/** The 15 format bits (level + mask, BCH-coded, XOR-masked). */
export function formatBits(ecc: Ecc, mask: number): number {
  const data = (ECC[ecc].formatBits << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** The 18 version bits (versions 7-40, BCH-coded). */
export function versionBits(version: number): number {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  return (version << 12) | rem;
}

const bit = (x: number, i: number) => ((x >>> i) & 1) !== 0;

class Matrix {
  readonly version: number;
  readonly size: number;
  readonly modules: boolean[][];
  readonly isFunction: boolean[][];

  constructor(version: number) {
    this.version = version;
    this.size = version * 4 + 17;
    this.modules = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
    this.isFunction = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
  }

  set(x: number, y: number, dark: boolean): void {
    this.modules[y]![x] = dark;
    this.isFunction[y]![x] = true;
  }

  drawFunctionPatterns(ecc: Ecc): void {
    for (let i = 0; i < this.size; i++) {
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    this.finder(3, 3);
    this.finder(this.size - 4, 3);
    this.finder(3, this.size - 4);
    const align = alignmentPositions(this.version);
    const n = align.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if ((i === 0 && j === 0) || (i === 0 && j === n - 1) || (i === n - 1 && j === 0)) continue;
        this.alignment(align[i]!, align[j]!);
      }
    }
    this.drawFormat(ecc, 0); // reserved now, redrawn with the real mask later
    this.drawVersion();
  }

  finder(x: number, y: number): void {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const dist = Math.max(Math.abs(dx), Math.abs(dy));
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && xx < this.size && yy >= 0 && yy < this.size) this.set(xx, yy, dist !== 2 && dist !== 4);
      }
    }
  }

  alignment(x: number, y: number): void {
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) this.set(x + dx, y + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
  }

  drawFormat(ecc: Ecc, mask: number): void {
    const bits = formatBits(ecc, mask);
    for (let i = 0; i <= 5; i++) this.set(8, i, bit(bits, i));
    this.set(8, 7, bit(bits, 6));
    this.set(8, 8, bit(bits, 7));
    this.set(7, 8, bit(bits, 8));
    for (let i = 9; i < 15; i++) this.set(14 - i, 8, bit(bits, i));
    for (let i = 0; i < 8; i++) this.set(this.size - 1 - i, 8, bit(bits, i));
    for (let i = 8; i < 15; i++) this.set(8, this.size - 15 + i, bit(bits, i));
    this.set(8, this.size - 8, true); // the dark module
  }

  drawVersion(): void {
    if (this.version < 7) return;
    const bits = versionBits(this.version);
    for (let i = 0; i < 18; i++) {
      const a = this.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      this.set(a, b, bit(bits, i));
      this.set(b, a, bit(bits, i));
    }
  }

  /** Places the codewords in the zigzag order, skipping function modules. */
  drawCodewords(data: readonly number[]): void {
    let i = 0;
    for (let right = this.size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < this.size; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const upward = ((right + 1) & 2) === 0;
          const y = upward ? this.size - 1 - vert : vert;
          if (!this.isFunction[y]![x] && i < data.length * 8) {
            this.modules[y]![x] = bit(data[i >>> 3]!, 7 - (i & 7));
            i++;
          }
        }
      }
    }
  }

  applyMask(mask: number): void {
    for (let y = 0; y < this.size; y++) {
      for (let x = 0; x < this.size; x++) {
        if (this.isFunction[y]![x]) continue;
        let invert: boolean;
        switch (mask) {
          case 0:
            invert = (x + y) % 2 === 0;
            break;
          case 1:
            invert = y % 2 === 0;
            break;
          case 2:
            invert = x % 3 === 0;
            break;
          case 3:
            invert = (x + y) % 3 === 0;
            break;
          case 4:
            invert = (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
            break;
          case 5:
            invert = ((x * y) % 2) + ((x * y) % 3) === 0;
            break;
          case 6:
            invert = (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
            break;
          default:
            invert = (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
            break;
        }
        if (invert) this.modules[y]![x] = !this.modules[y]![x];
      }
    }
  }

  /** The penalty score of the current modules (rules N1-N4 of the standard). */
  penalty(): number {
    const n = this.size;
    let result = 0;
    const PENALTY_N1 = 3;
    const PENALTY_N2 = 3;
    const PENALTY_N3 = 40;
    const PENALTY_N4 = 10;

    const finderLike = (history: number[]): number => {
      const m = history[1]!;
      const core = m > 0 && history[2] === m && history[3] === m * 3 && history[4] === m && history[5] === m;
      return (core && history[0]! >= m * 4 && history[6]! >= m ? 1 : 0) + (core && history[6]! >= m * 4 && history[0]! >= m ? 1 : 0);
    };
    const addHistory = (run: number, history: number[]) => {
      if (history[0] === 0) run += n; // the light border before the first run
      history.pop();
      history.unshift(run);
    };
    const terminate = (color: boolean, run: number, history: number[]): number => {
      if (color) {
        addHistory(run, history);
        run = 0;
      }
      run += n;
      addHistory(run, history);
      return finderLike(history);
    };

    for (let pass = 0; pass < 2; pass++) {
      for (let a = 0; a < n; a++) {
        let color = false;
        let run = 0;
        const history = [0, 0, 0, 0, 0, 0, 0];
        for (let b = 0; b < n; b++) {
          const module = pass === 0 ? this.modules[a]![b]! : this.modules[b]![a]!;
          if (module === color) {
            run++;
            if (run === 5) result += PENALTY_N1;
            else if (run > 5) result++;
          } else {
            addHistory(run, history);
            if (!color) result += finderLike(history) * PENALTY_N3;
            color = module;
            run = 1;
          }
        }
        result += terminate(color, run, history) * PENALTY_N3;
      }
    }
    for (let y = 0; y < n - 1; y++) {
      for (let x = 0; x < n - 1; x++) {
        const c = this.modules[y]![x];
        if (c === this.modules[y]![x + 1] && c === this.modules[y + 1]![x] && c === this.modules[y + 1]![x + 1]) result += PENALTY_N2;
      }
    }
    let dark = 0;
    for (const row of this.modules) for (const m of row) if (m) dark++;
    const total = n * n;
    const k = Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1;
    result += Math.max(0, k) * PENALTY_N4;
    return result;
  }
}

export class QrTooLongError extends Error {}

/**
 * Encodes text (UTF-8, byte mode) into the smallest version that fits at `ecc` (default M),
 * between minVersion and maxVersion. `boostEcc` (default true) raises the level when the
 * version holds it at no extra size. Throws QrTooLongError when it does not fit in version 40.
 */
export function encodeQr(
  text: string,
  options: { ecc?: Ecc; minVersion?: number; maxVersion?: number; mask?: number; boostEcc?: boolean } = {},
): QrCode {
  const bytes = [...new TextEncoder().encode(text)];
  let ecc: Ecc = options.ecc ?? 'M';
  const minVersion = options.minVersion ?? 1;
  const maxVersion = options.maxVersion ?? 40;
  let version = minVersion;
  for (; ; version++) {
    if (version > maxVersion)
      throw new QrTooLongError(
        `内容有 ${bytes.length} 字节，超出二维码容量（${ecc} 级、第 ${maxVersion} 版最多 ${byteCapacity(maxVersion, ecc)} 字节）`,
      );
    if (bytes.length <= byteCapacity(version, ecc)) break;
  }
  if (options.boostEcc ?? true) {
    for (const higher of ['M', 'Q', 'H'] as const) {
      if (ECC[higher].ordinal > ECC[ecc].ordinal && bytes.length <= byteCapacity(version, higher)) ecc = higher;
    }
  }

  // Bit stream: mode 0100 (byte), character count, data, terminator, padding.
  const bits: number[] = [];
  const append = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  append(0b0100, 4);
  append(bytes.length, version <= 9 ? 8 : 16);
  for (const b of bytes) append(b, 8);
  const capacityBits = dataCodewords(version, ecc) * 8;
  append(0, Math.min(4, capacityBits - bits.length));
  append(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacityBits; pad ^= 0xec ^ 0x11) append(pad, 8);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((acc, b) => (acc << 1) | b, 0));

  const matrix = new Matrix(version);
  matrix.drawFunctionPatterns(ecc);
  matrix.drawCodewords(addEccAndInterleave(data, version, ecc));

  let mask = options.mask ?? -1;
  if (mask < 0) {
    let best = Infinity;
    for (let m = 0; m < 8; m++) {
      matrix.applyMask(m);
      matrix.drawFormat(ecc, m);
      const p = matrix.penalty();
      if (p < best) {
        best = p;
        mask = m;
      }
      matrix.applyMask(m); // XOR again undoes it
    }
  }
  matrix.applyMask(mask);
  matrix.drawFormat(ecc, mask);
  return { version, ecc, size: matrix.size, mask, modules: matrix.modules };
}

/** An SVG of the code: one path of dark modules on a light square with a 4-module quiet zone. */
export function qrSvg(qr: QrCode, options: { border?: number; title?: string; dark?: string; light?: string } = {}): string {
  const border = options.border ?? 4;
  const dim = qr.size + border * 2;
  const parts: string[] = [];
  qr.modules.forEach((row, y) => {
    let x = 0;
    while (x < qr.size) {
      if (!row[x]) {
        x++;
        continue;
      }
      let end = x;
      while (end < qr.size && row[end]) end++;
      parts.push(`M${x + border},${y + border}h${end - x}v1h${x - end}z`);
      x = end;
    }
  });
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const title = options.title ? `<title>${esc(options.title)}</title>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dim} ${dim}" shape-rendering="crispEdges" role="img"${options.title ? ` aria-label="${esc(options.title)}"` : ''}>` +
    `${title}<rect width="100%" height="100%" fill="${options.light ?? '#fff'}"/>` +
    `<path d="${parts.join('')}" fill="${options.dark ?? '#000'}"/></svg>`
  );
}

/** The code as a plain PGM image (P2), `scale` pixels per module, for tests with image decoders. */
export function qrPgm(qr: QrCode, scale = 4, border = 4): string {
  const dim = (qr.size + border * 2) * scale;
  const rows: string[] = [];
  for (let py = 0; py < dim; py++) {
    const y = Math.floor(py / scale) - border;
    const row: string[] = [];
    for (let px = 0; px < dim; px++) {
      const x = Math.floor(px / scale) - border;
      const dark = y >= 0 && y < qr.size && x >= 0 && x < qr.size && qr.modules[y]![x];
      row.push(dark ? '0' : '1');
    }
    rows.push(row.join(' '));
  }
  return `P2\n${dim} ${dim}\n1\n${rows.join('\n')}\n`;
}
