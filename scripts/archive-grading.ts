/**
 * `npm run archive:grading [-- --rev <git revision>]`: adds the quiz and scenario versions of the
 * current content (or of a git revision's content) to content/grading-archive/, so attempts taken
 * on them keep re-grading after the content changes. Existing files are never touched.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml } from '../src/lib/node/load-content.ts';
import { addToArchive } from '../src/lib/node/grading-archive.ts';
import { quizSchema, scenarioSchema } from '../src/schemas/index.ts';
import { readFileSync, readdirSync } from 'node:fs';
import type { Quiz } from '../src/schemas/quiz.ts';
import type { Scenario } from '../src/schemas/scenario.ts';

const revAt = process.argv.indexOf('--rev');
const rev = revAt > 0 ? process.argv[revAt + 1] : undefined;
let root = process.cwd();
let scratch: string | undefined;
if (rev) {
  scratch = mkdtempSync(join(tmpdir(), 'sop-archive-'));
  execFileSync('sh', ['-c', `git archive ${JSON.stringify(rev)} quizzes content/scenarios | tar -x -C ${JSON.stringify(scratch)}`]);
  root = scratch;
}

// Only quizzes and scenarios are read, each on its own: an old revision's other content may not
// pass today's checks, and its quizzes and scenarios are what old attempts were taken on.
const read = <T>(folder: string, schema: typeof quizSchema | typeof scenarioSchema): T[] =>
  readdirSync(join(root, folder))
    .filter((n) => n.endsWith('.yaml'))
    .flatMap((n) => {
      const { value } = parseYaml(readFileSync(join(root, folder, n), 'utf8'), `${folder}/${n}`);
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        console.warn(`跳过 ${folder}/${n}：不符合当前的格式`);
        return [];
      }
      return [parsed.data as T];
    });

const added = addToArchive(process.cwd(), read<Quiz>('quizzes', quizSchema), read<Scenario>('content/scenarios', scenarioSchema));
if (scratch) rmSync(scratch, { recursive: true, force: true });
console.log(added.length ? `归档新增 ${added.length} 个版本：\n${added.join('\n')}` : '归档已包含这些版本，没有新增。');
