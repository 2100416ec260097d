/**
 * Loads and validates every content file from disk (Node only). The CLI and the tests use it;
 * the Astro build loads the same files through src/content.config.ts with the same schemas and
 * the same list reader, then runs the same cross-reference check.
 */
import { mdxProse } from '../content/prose.ts';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  placeholderSchema,
  quizSchema,
  scenarioSchema,
  scriptSchema,
  standardSchema,
  trackSchema,
  workflowSchema,
} from '../../schemas/index.ts';
import { ContentError, zodProblems, type ContentProblem } from '../content/problems.ts';
import { checkReferences, type Located, type SiteContent, type WorkflowEntry } from '../content/references.ts';

/** Parses YAML text; a syntax error becomes a problem naming the file and line. */
export function parseYaml(text: string, file: string, lineOffset = 0): { value: unknown; problems: ContentProblem[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    return {
      value: undefined,
      problems: doc.errors.map((e) => ({
        file,
        field: '',
        message: `YAML 语法错误（第 ${(e.linePos?.[0]?.line ?? 0) + lineOffset} 行）：${e.message.split('\n')[0]}`,
      })),
    };
  }
  return { value: doc.toJS(), problems: [] };
}

/** Splits an MDX/Markdown file into its YAML frontmatter and body. */
export function splitFrontmatter(text: string): { frontmatter: string; body: string } | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return m ? { frontmatter: m[1] ?? '', body: m[2] ?? '' } : undefined;
}

/** Validates a YAML list file (scripts, standards, tracks): each item against `schema`. */
export function readListFile<S extends z.ZodType>(
  root: string,
  path: string,
  schema: S,
): { items: Located<z.infer<S>>[]; problems: ContentProblem[] } {
  const file = relative(root, path);
  const parsed = parseYaml(readFileSync(path, 'utf8'), file);
  if (parsed.problems.length) return { items: [], problems: parsed.problems };
  if (!Array.isArray(parsed.value)) {
    return { items: [], problems: [{ file, field: '', message: '文件应是一个列表（每项以 “- ” 开头）' }] };
  }
  const items: Located<z.infer<S>>[] = [];
  const problems: ContentProblem[] = [];
  parsed.value.forEach((raw, i) => {
    const result = schema.safeParse(raw);
    const label = typeof (raw as { id?: unknown })?.id === 'string' ? `[${i}] ${(raw as { id: string }).id}` : `[${i}]`;
    if (result.success) items.push({ ...(result.data as object), file } as Located<z.infer<S>>);
    else problems.push(...zodProblems(file, result.error, label));
  });
  return { items, problems };
}

function filesIn(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.startsWith('_'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads a folder of one-entry YAML files (quizzes, scenarios): each validated by `schema`, and its
 * `id` must equal the file name.
 */
function readEntryFolder<S extends z.ZodType<{ id: string }>>(
  root: string,
  dir: string,
  schema: S,
): { items: Located<z.infer<S>>[]; problems: ContentProblem[] } {
  const items: Located<z.infer<S>>[] = [];
  const problems: ContentProblem[] = [];
  for (const path of filesIn(dir, '.yaml')) {
    const file = relative(root, path);
    const parsed = parseYaml(readFileSync(path, 'utf8'), file);
    if (parsed.problems.length) {
      problems.push(...parsed.problems);
      continue;
    }
    const result = schema.safeParse(parsed.value);
    const name = basename(path, '.yaml');
    if (!result.success) problems.push(...zodProblems(file, result.error));
    else if (result.data.id !== name) problems.push({ file, field: 'id', message: `id “${result.data.id}” 应与文件名 “${name}” 相同` });
    else items.push({ ...(result.data as object), file } as Located<z.infer<S>>);
  }
  return { items, problems };
}

/** Reads the workflows: the frontmatter of every MDX file, id = file name. */
function readWorkflows(root: string, dir: string): { items: WorkflowEntry[]; problems: ContentProblem[] } {
  const items: WorkflowEntry[] = [];
  const problems: ContentProblem[] = [];
  for (const path of filesIn(dir, '.mdx')) {
    const file = relative(root, path);
    const parts = splitFrontmatter(readFileSync(path, 'utf8'));
    if (!parts) {
      problems.push({ file, field: '', message: '缺少以 --- 开头和结尾的 frontmatter' });
      continue;
    }
    const parsed = parseYaml(parts.frontmatter, file, 1);
    if (parsed.problems.length) {
      problems.push(...parsed.problems);
      continue;
    }
    const result = workflowSchema.safeParse(parsed.value);
    if (result.success) items.push({ ...result.data, id: basename(path, '.mdx'), file, prose: mdxProse(parts.body) });
    else problems.push(...zodProblems(file, result.error));
  }
  return { items, problems };
}

/** Reads and validates every content file below `root`. Throws ContentError listing every problem. */
export function loadContent(root: string): SiteContent {
  const at = (folder: string) => join(root, folder);
  const lists = (folder: string, schema: z.ZodType) => {
    const all = filesIn(at(folder), '.yaml').map((path) => readListFile(root, path, schema));
    return { items: all.flatMap((r) => r.items), problems: all.flatMap((r) => r.problems) };
  };
  const parts = {
    tracks: readListFile(root, at('content/tracks.yaml'), trackSchema),
    workflows: readWorkflows(root, at('content/workflows')),
    scripts: lists('content/scripts', scriptSchema),
    standards: lists('content/standards', standardSchema),
    quizzes: readEntryFolder(root, at('quizzes'), quizSchema),
    scenarios: readEntryFolder(root, at('content/scenarios'), scenarioSchema),
    // Optional: a site without a vocabulary file skips the placeholder check.
    placeholders: existsSync(at('content/placeholders.yaml'))
      ? readListFile(root, at('content/placeholders.yaml'), placeholderSchema)
      : { items: undefined, problems: [] },
  };
  const site = {
    tracks: parts.tracks.items,
    workflows: parts.workflows.items,
    scripts: parts.scripts.items,
    standards: parts.standards.items,
    quizzes: parts.quizzes.items,
    scenarios: parts.scenarios.items,
    placeholders: parts.placeholders.items,
  } as SiteContent;
  const problems = [...Object.values(parts).flatMap((p) => p.problems), ...checkReferences(site)];
  if (problems.length) throw new ContentError(problems);
  return site;
}

/** Every item of every YAML list file in `dir`; throws ContentError naming file and field. */
export function readListFolder<S extends z.ZodType>(root: string, dir: string, schema: S): Located<z.infer<S>>[] {
  const items: Located<z.infer<S>>[] = [];
  const problems: ContentProblem[] = [];
  for (const path of filesIn(dir, '.yaml')) {
    const r = readListFile(root, path, schema);
    items.push(...r.items);
    problems.push(...r.problems);
  }
  if (problems.length) throw new ContentError(problems);
  return items;
}
