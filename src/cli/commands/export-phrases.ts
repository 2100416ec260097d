/**
 * `sop export-phrases --format qianniu|text [--profile <file.json>] [--out <file>] [--group stage|workflow]`:
 * the replies as quick phrases for the staff's IM workbench. qianniu = the CSV 千牛 imports (header
 * 快捷短语编码,快捷短语,快捷短语分组; UTF-8 with BOM); text = a plain list to paste from. The profile
 * is the 我的店铺 file (flat JSON, placeholder name → value); without it the placeholders stay and
 * stderr says how many are unfilled.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContent } from '../../lib/node/load-content.ts';
import { parseProfile } from '../../lib/workbench/profile.ts';
import { bracketed } from '../../lib/workbench/fill.ts';
import { buildPhrases, LONG_PHRASE_CHARS, phrasesText, qianniuCsv } from '../../lib/workbench/phrases.ts';
import { terminalSafe } from '../../lib/text/terminal-safe.ts';
import { option } from '../args.ts';
import { readRegularFile } from '../read-input.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

const FORMATS = ['qianniu', 'text'] as const;

export const exportPhrases: Command = {
  summary: '把话术导出为快捷短语（--format qianniu|text [--profile 店铺资料.json] [--out 文件] [--group stage|workflow]）',
  async run(args) {
    const fail = (message: string) => {
      process.stderr.write(terminalSafe(message) + '\n');
      return 1;
    };
    const format = option(args, '--format') ?? 'qianniu';
    if (!(FORMATS as readonly string[]).includes(format)) return fail(`--format 只能是 ${FORMATS.join(' 或 ')}（收到 “${format}”）`);
    const group = option(args, '--group') ?? 'stage';
    if (group !== 'stage' && group !== 'workflow') return fail(`--group 只能是 stage 或 workflow（收到 “${group}”）`);
    const site = loadContent(projectRoot());
    const names = (site.placeholders ?? []).map((p) => p.name);

    let values: Record<string, string> = {};
    const profileFile = option(args, '--profile');
    if (args.includes('--profile') && !profileFile) return fail('--profile 后面要写店铺资料文件的路径');
    if (profileFile) {
      const read = readRegularFile(profileFile, 1024 * 1024);
      if (!read.ok) return fail(`无法读取店铺资料 ${profileFile}：${read.reason}`);
      const parsed = parseProfile(read.text, names, { favourites: true });
      if (!parsed.ok) return fail(`店铺资料 ${profileFile} 有问题：${parsed.message}`);
      values = parsed.profile.values;
    }

    const workflowTitle = new Map(site.workflows.map((w) => [w.id, w.title]));
    const sources = site.scripts.map((s) => ({
      id: s.id,
      title: s.title,
      stage: s.stage,
      workflowTitle: workflowTitle.get(s.workflow) ?? s.workflow,
      reply: s.reply,
    }));
    const summary = buildPhrases(sources, values, group);
    const out = format === 'qianniu' ? qianniuCsv(summary.phrases) : phrasesText(summary.phrases);

    const outFile = option(args, '--out');
    if (args.includes('--out') && !outFile) return fail('--out 后面要写输出文件的路径');
    if (outFile) {
      try {
        writeFileSync(resolve(process.cwd(), outFile), out);
      } catch (err) {
        return fail(`无法写入 ${outFile}：${err instanceof Error ? err.message : String(err)}`);
      }
      process.stderr.write(terminalSafe(`已写入 ${outFile}：${summary.phrases.length} 条快捷短语`) + '\n');
    } else process.stdout.write(out);

    if (summary.unfilled) {
      const hint = profileFile ? '店铺资料里没有这些项' : '没有指定 --profile 店铺资料.json';
      process.stderr.write(terminalSafe(`还有 ${summary.unfilled} 处占位符未填写（${hint}）：${bracketed(summary.unfilledNames)}`) + '\n');
    }
    if (summary.long) process.stderr.write(`${summary.long} 条短语超过 ${LONG_PHRASE_CHARS} 字，导入后请检查是否完整\n`);
    return 0;
  },
};
