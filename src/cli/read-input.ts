/**
 * Reading the files named on the command line (relative to the working directory), with the
 * reason in Chinese when one cannot be read: the CLI says which file and why, never a stack trace.
 * Only regular files are read: a FIFO would block forever, a device such as /dev/zero never ends,
 * so both are refused before any read, as is a file over the size limit.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { terminalSafe } from '../lib/text/terminal-safe.ts';

/** The largest input file any command reads (result files are at most 5 MB). */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** Why a file could not be read: 文件不存在, 这是一个目录, or the error's own message. */
export function unreadableReason(err: unknown): string {
  const code = (err as { code?: string }).code;
  return code === 'ENOENT'
    ? '文件不存在'
    : code === 'EISDIR'
      ? '这是一个目录'
      : code === 'EACCES'
        ? '没有读取权限'
        : err instanceof Error
          ? err.message
          : String(err);
}

export type ReadResult = { ok: true; text: string; size: number } | { ok: false; reason: string; size: number };

/**
 * Reads a regular file of at most `maxBytes` as UTF-8. Refuses directories, FIFOs, sockets and
 * devices (checked with stat before opening, and again on the opened descriptor) and files that are
 * too large, with the reason in Chinese.
 */
export function readRegularFile(file: string, maxBytes = MAX_INPUT_BYTES): ReadResult {
  const path = resolve(process.cwd(), file);
  let fd: number | undefined;
  try {
    const before = statSync(path);
    const kind = fileKind(before);
    if (kind) return { ok: false, reason: kind, size: 0 };
    if (before.size > maxBytes) return { ok: false, reason: tooLarge(before.size, maxBytes), size: before.size };
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    const kindNow = fileKind(st);
    if (kindNow) return { ok: false, reason: kindNow, size: 0 };
    if (st.size > maxBytes) return { ok: false, reason: tooLarge(st.size, maxBytes), size: st.size };
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, buf, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { ok: true, text: buf.subarray(0, read).toString('utf8'), size: read };
  } catch (err) {
    return { ok: false, reason: unreadableReason(err), size: 0 };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fileKind(st: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return '这是一个目录';
  if (st.isFIFO()) return '这是一个管道（FIFO），不是普通文件，没有读取';
  if (st.isSocket()) return '这是一个套接字，不是普通文件，没有读取';
  return '这是一个设备或特殊文件，不是普通文件，没有读取';
}

const tooLarge = (size: number, max: number) =>
  `文件过大（${(size / 1024 / 1024).toFixed(1)} MB，最多 ${(max / 1024 / 1024).toFixed(0)} MB），没有读取`;

/**
 * The UTF-8 text of `file`; when it cannot be read, writes `无法读取<what> <file>：<reason>` to
 * stderr and returns undefined (the command then exits 1).
 */
export function readInputFile(file: string, what: string): string | undefined {
  const r = readRegularFile(file);
  if (r.ok) return r.text;
  process.stderr.write(`无法读取${what} ${terminalSafe(file)}：${r.reason}\n`);
  return undefined;
}
