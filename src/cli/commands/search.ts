/**
 * `sop search [--json] [--stdin] [选项] <查询>`: the site's search from the command line, with the
 * same index (built from the content by the same code, or a built /search-index.json with
 * --index) and the same query code as the browser.
 */
import { terminalSafeLines } from '../../lib/text/terminal-safe.ts';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { buildSearchIndexFromDisk } from '../../lib/node/search-index.ts';
import { createSearchEngine, type SearchEngine } from '../../lib/search/engine.ts';
import { documentText, SEARCH_KINDS, type SearchKind } from '../../lib/search/documents.ts';
import type { SearchHit } from '../../lib/search/query.ts';
import { ui } from '../../i18n/zh-CN.ts';
import { projectRoot } from '../root.ts';
import type { Command } from './index.ts';

const USAGE = `用法: npm run --silent sop -- search [--json] [选项] <查询>
       npm run --silent sop -- search --json --stdin     （每行一个查询，每行输出一个 JSON 数组）
选项:
  --stage <环节>     只看某个环节（售前、售中、售后 …）
  --track <路线 id>  只看某条路线（ecommerce …）
  --kind <类型>      只看 script、workflow、step 或 standard（可重复）
  --limit <n>        最多返回 n 条（默认 10）
  --index <文件>     使用构建好的索引文件（如 dist/search-index.json），而不是从内容重新构建
`;

interface Options {
  json: boolean;
  stdin: boolean;
  stage?: string;
  track?: string;
  kinds: SearchKind[];
  limit: number;
  index?: string;
  query: string;
}

function parse(args: string[]): Options | string {
  const o: Options = { json: false, stdin: false, kinds: [], limit: 10, query: '' };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} 需要一个值`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--stdin') o.stdin = true;
    else if (a === '--stage') o.stage = value();
    else if (a === '--track') o.track = value();
    else if (a === '--index') o.index = value();
    else if (a === '--kind') {
      const k = value();
      if (!(SEARCH_KINDS as readonly string[]).includes(k)) return `未知的类型 “${k}”（可用：${SEARCH_KINDS.join('、')}）`;
      o.kinds.push(k as SearchKind);
    } else if (a === '--limit') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) return '--limit 需要一个正整数';
      o.limit = n;
    } else if (a === '--help' || a === '-h') return '';
    else if (a === '--') {
      words.push(...args.slice(i + 1));
      break;
    } else words.push(a);
  }
  o.query = words.join(' ');
  if (!o.stdin && !o.query.trim()) return '';
  return o;
}

/** One result as printed with --json. */
function toJson(hit: SearchHit) {
  const d = hit.doc;
  return {
    kind: d.kind,
    id: d.id,
    title: d.title,
    url: d.url,
    text: documentText(d),
    score: Math.round(hit.score * 10_000) / 10_000,
    ...(d.stage ? { stage: d.stage } : {}),
    ...(d.tracks ? { tracks: d.tracks } : {}),
    ...(d.context ? { context: d.context, contextUrl: d.contextUrl } : {}),
    ...(d.reply ? { reply: d.reply } : {}),
  };
}

function run(engine: SearchEngine, query: string, o: Options): SearchHit[] {
  return engine.search(query, { stage: o.stage ?? null, track: o.track ?? null, kinds: o.kinds, limit: o.limit }).hits;
}

function printText(hits: SearchHit[], query: string): string {
  if (!hits.length) return `${ui.search.noResults(query)}\n`;
  return (
    hits
      .map((h, i) => {
        const d = h.doc;
        const lines = [`${i + 1}. [${ui.search.kinds[d.kind]}] ${d.title}  ${d.url}`];
        if (d.context) lines.push(`   ${d.context}`);
        if (d.reply) lines.push(`   ${d.reply}`);
        else if (d.summary) lines.push(`   ${d.summary}`);
        return lines.join('\n');
      })
      .join('\n') + '\n'
  );
}

export const search: Command = {
  summary: '搜索话术、流程和标准（--json 输出 JSON，--stdin 每行一个查询）',
  async run(args) {
    let o: Options | string;
    try {
      o = parse(args);
    } catch (err) {
      o = (err as Error).message;
    }
    if (typeof o === 'string') {
      process.stderr.write((o ? `${o}\n\n` : '') + USAGE);
      return o ? 2 : args.some((a) => a === '--help' || a === '-h') ? 0 : 2;
    }
    const engine = createSearchEngine(
      o.index ? JSON.parse(readFileSync(o.index, 'utf8')) : JSON.parse(JSON.stringify(buildSearchIndexFromDisk(projectRoot()))),
    );
    if (!o.stdin) {
      const hits = run(engine, o.query, o);
      process.stdout.write(o.json ? JSON.stringify(hits.map(toJson)) + '\n' : terminalSafeLines(printText(hits, o.query)));
      return 0;
    }
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const hits = run(engine, line, o);
      process.stdout.write(o.json ? JSON.stringify(hits.map(toJson)) + '\n' : terminalSafeLines(printText(hits, line)));
    }
    return 0;
  },
};
