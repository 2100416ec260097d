/**
 * Reading the files named on the command line (relative to the working directory), with the
 * reason in Chinese when one cannot be read: the CLI says which file and why, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Why a file could not be read: 文件不存在, 这是一个目录, or the error's own message. */
export function unreadableReason(err: unknown): string {
  const code = (err as { code?: string }).code;
  return code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : err instanceof Error ? err.message : String(err);
}

/**
 * The UTF-8 text of `file`; when it cannot be read, writes `无法读取<what> <file>：<reason>` to
 * stderr and returns undefined (the command then exits 1).
 */
export function readInputFile(file: string, what: string): string | undefined {
  try {
    return readFileSync(resolve(process.cwd(), file), 'utf8');
  } catch (err) {
    process.stderr.write(`无法读取${what} ${file}：${unreadableReason(err)}\n`);
    return undefined;
  }
}
