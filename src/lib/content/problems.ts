/**
 * Content problems: every message names the file, the field and what is wrong, so an author can
 * fix a broken content file from the build output alone.
 */
import type { z } from 'zod';

export interface ContentProblem {
  /** Path of the file, relative to the project root (content/scripts/x.yaml). */
  file: string;
  /** Dotted path of the field inside the file, e.g. steps[2].standards[0]. Empty for the whole file. */
  field: string;
  /** What is wrong, in Chinese, with the bad value where there is one. */
  message: string;
}

export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(`内容校验失败（${problems.length} 处）：\n` + problems.map(formatProblem).join('\n'));
    this.name = 'ContentError';
    this.problems = problems;
  }
}

export function formatProblem(p: ContentProblem): string {
  return `  ${p.file}${p.field ? ` → ${p.field}` : ''}: ${p.message}`;
}

/** Turns a zod path like ['steps', 2, 'id'] into "steps[2].id", prefixed by `prefix`. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** One problem per zod issue, named by file and field. */
export function zodProblems(file: string, error: z.ZodError, prefix = ''): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: fieldPath(issue.path, prefix),
    message: issue.message,
  }));
}
