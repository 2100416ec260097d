/** `sop validate [--json]`: loads and checks every content file, as the build does. */
import { loadContent } from '../../lib/node/load-content.ts';
import { ContentError } from '../../lib/content/problems.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

export const validate: Command = {
  summary: '校验全部内容文件（与构建相同的检查）',
  async run(args) {
    const json = args.includes('--json');
    try {
      const site = loadContent(projectRoot());
      const counts = {
        tracks: site.tracks.length,
        workflows: site.workflows.length,
        scripts: site.scripts.length,
        standards: site.standards.length,
        quizzes: site.quizzes.length,
        scenarios: site.scenarios?.length ?? 0,
      };
      process.stdout.write(json ? JSON.stringify({ ok: true, counts }) + '\n' : `内容校验通过：${JSON.stringify(counts)}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      if (json) process.stdout.write(JSON.stringify({ ok: false, problems: err.problems }) + '\n');
      else process.stderr.write(err.message + '\n');
      return 1;
    }
  },
};
