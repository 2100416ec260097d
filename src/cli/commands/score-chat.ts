/**
 * `sop score-chat --scenario <id> --replies <file> [--json]`: plays a chat scenario with the
 * agent's replies from a file (`{ "replies": [ { "text": "…", "afterMs": 8000 } ] }`) and scores
 * it with the same engine as the browser (src/lib/chat/). A file that cannot be read or parsed
 * gives its problems on stderr, each naming the file and the field, and exit code 1.
 */
import { terminalSafeLines } from '../../lib/text/terminal-safe.ts';
import { loadContent } from '../../lib/node/load-content.ts';
import { buildChatRules } from '../../lib/chat/rules.ts';
import { parseRepliesFile } from '../../lib/chat/replies-file.ts';
import { scoreChat, type ChatReport } from '../../lib/chat/score.ts';
import { findById, option } from '../args.ts';
import { readInputFile } from '../read-input.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

const USAGE = '用法: npm run --silent sop -- score-chat --scenario <场景 id> --replies <回复文件.json> [--json]\n';

/** The JSON printed by --json. */
export function chatJson(r: ChatReport) {
  return {
    score: r.score,
    grade: r.grade,
    ending: r.ending,
    findings: r.findings.map((f) => ({ standard: f.standard, passed: f.passed, turn: f.turn, message: f.message, evidence: f.evidence })),
    transcript: r.transcript,
  };
}

function summary(r: ChatReport): string {
  const lines = [
    `场景 ${r.scenario}（第 ${r.version} 版）：得分 ${r.score}，等级 ${r.grade}`,
    `结局：${r.ending.text}（${r.ending.kind}）`,
    ...r.breakdown.map(
      (b) => `  ${b.label.padEnd(6, '　')} ${b.applicable ? `${(b.weight * b.ratio).toFixed(1)} / ${b.weight}` : '未计分'}`,
    ),
    ...(r.fixes.length
      ? ['最重要的改进：', ...r.fixes.map((f, i) => `  ${i + 1}. ${f.message}：${f.evidence}${f.model ? `\n     示范：${f.model}` : ''}`)]
      : []),
    '问题：',
    ...r.findings
      .filter((f) => !f.passed)
      .map((f) => `  ✗ [${f.standard ?? '流程'}]${f.turn ? ` ${f.turn}` : ''} ${f.message}：${f.evidence}`),
    ...r.notes.map((n) => `注意：${n}`),
  ];
  return lines.join('\n') + '\n';
}

export const scoreChatCommand: Command = {
  summary: '按聊天场景给客服回复评分（--scenario <id> --replies <文件> [--json]）',
  async run(args) {
    const id = option(args, '--scenario');
    const file = option(args, '--replies');
    if (!id || !file) {
      process.stderr.write(USAGE);
      return 2;
    }
    const site = loadContent(projectRoot());
    const scenario = findById(site.scenarios ?? [], id, '聊天场景');
    if (!scenario) return 1;
    const text = readInputFile(file, '回复文件');
    if (text === undefined) return 1;
    const parsed = parseRepliesFile(text);
    if (!parsed.ok) {
      const list = parsed.problems.map((p) => `  ${file}${p.field ? ` → ${p.field}` : ''}: ${p.message}`).join('\n');
      process.stderr.write(`回复文件无法评分（${parsed.problems.length} 处问题）：\n${list}\n`);
      return 1;
    }
    const report = scoreChat(scenario, parsed.replies, buildChatRules(site.standards));
    process.stdout.write(args.includes('--json') ? JSON.stringify(chatJson(report), null, 2) + '\n' : terminalSafeLines(summary(report)));
    return 0;
  },
};
