/**
 * `sop placeholders [--json]`: the reply placeholders used in the content (content/placeholders.yaml
 * names), with how often each occurs in replies, variants and scenario lines.
 */
import { loadContent } from '../../lib/node/load-content.ts';
import { placeholderUsage } from '../../lib/workbench/placeholders.ts';
import { terminalSafe } from '../../lib/text/terminal-safe.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

export const placeholders: Command = {
  summary: '列出话术里用到的占位符及次数（[--json]：[{ name, label, count }]）',
  async run(args) {
    const site = loadContent(projectRoot());
    const usage = placeholderUsage(site, site.placeholders ?? []);
    if (args.includes('--json')) {
      process.stdout.write(
        JSON.stringify(
          usage.map(({ name, label, count }) => ({ name, label, count })),
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    const total = usage.reduce((n, u) => n + u.count, 0);
    process.stdout.write(usage.map((u) => terminalSafe(`【${u.name}】 ${String(u.count).padStart(4)}  ${u.label}`)).join('\n') + '\n');
    process.stdout.write(`共 ${usage.length} 个占位符，出现 ${total} 次\n`);
    return 0;
  },
};
