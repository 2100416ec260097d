/** `sop scenarios [--json]`: lists the chat-simulator scenarios (content/scenarios/*.yaml). */
import { loadContent } from '../../lib/node/load-content.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

export const scenarios: Command = {
  summary: '列出聊天模拟场景（[--json]）',
  async run(args) {
    const site = loadContent(projectRoot());
    const list = (site.scenarios ?? []).map((s) => ({ id: s.id, title: s.title, tags: s.tags, standards: s.standards }));
    if (args.includes('--json')) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
    else process.stdout.write(list.map((s) => `${s.id.padEnd(28)} ${s.title}  [${s.tags.join('、')}]`).join('\n') + '\n');
    return 0;
  },
};
