/**
 * The archive of published quiz and scenario versions (content/grading-archive/): one JSON file
 * per version, `quizzes/<id>@<version>-<hash>.json` and `scenarios/<id>@<version>-<hash>.json`,
 * never edited or deleted. `npm run archive:grading` adds the versions of the current content (or
 * of a git revision: `-- --rev <rev>`); tests/unit/grading-archive.test.ts fails when a current
 * version is missing, so a content change that would orphan attempts is noticed before it ships.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quizSchema, scenarioSchema } from '../../schemas/index.ts';
import { ContentError, zodProblems, type ContentProblem } from '../content/problems.ts';
import { quizHash } from '../quiz/hash.ts';
import { scenarioHash, type GradingArchive } from '../training/grading.ts';
import type { Quiz } from '../../schemas/quiz.ts';
import type { Scenario } from '../../schemas/scenario.ts';
import { loadContent } from './load-content.ts';
import { gradingData, type GradingData } from '../training/grading.ts';

export const ARCHIVE_DIR = 'content/grading-archive';

const fileName = (id: string, version: number, hash: string) => `${id}@${version}-${hash}.json`;

/** Reads every archived version; a damaged file is a content error naming it. */
export function loadGradingArchive(root: string): GradingArchive {
  const problems: ContentProblem[] = [];
  const read = <T>(kind: 'quizzes' | 'scenarios', schema: typeof quizSchema | typeof scenarioSchema): T[] => {
    const dir = join(root, ARCHIVE_DIR, kind);
    if (!existsSync(dir)) return [];
    const out: T[] = [];
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const file = `${ARCHIVE_DIR}/${kind}/${name}`;
      try {
        const parsed = schema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
        if (parsed.success) out.push(parsed.data as T);
        else problems.push(...zodProblems(file, parsed.error));
      } catch (err) {
        problems.push({ file, field: '', message: `不是有效的 JSON：${err instanceof Error ? err.message : String(err)}` });
      }
    }
    return out;
  };
  const archive = { quizzes: read<Quiz>('quizzes', quizSchema), scenarios: read<Scenario>('scenarios', scenarioSchema) };
  if (problems.length) throw new ContentError(problems);
  return archive;
}

/** Adds the given versions to the archive (existing files are kept as they are); returns the new file names. */
export function addToArchive(root: string, quizzes: readonly Quiz[], scenarios: readonly Scenario[]): string[] {
  const added: string[] = [];
  const write = (kind: 'quizzes' | 'scenarios', id: string, version: number, hash: string, value: unknown) => {
    const dir = join(root, ARCHIVE_DIR, kind);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, fileName(id, version, hash));
    if (existsSync(path)) return;
    writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);
    added.push(`${ARCHIVE_DIR}/${kind}/${fileName(id, version, hash)}`);
  };
  for (const q of quizzes) {
    const { file: _f, ...rest } = q as Quiz & { file?: string };
    write('quizzes', q.id, q.version, quizHash(rest as Quiz), rest);
  }
  for (const s of scenarios) {
    const { file: _f, ...rest } = s as Scenario & { file?: string };
    write('scenarios', s.id, s.version, scenarioHash(rest as Scenario), rest);
  }
  return added;
}

/** The grading bundle of the content at `root`, with its archive (CLI and tests). */
export function gradingDataFromDisk(root: string): GradingData {
  return gradingData(loadContent(root), loadGradingArchive(root));
}
