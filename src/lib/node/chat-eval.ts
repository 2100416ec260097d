/**
 * The content and the transcript files the chat scorer is judged on (bench:chat and
 * tests/unit/chat-blind.test.ts): the standards' rules, every scenario, and scoring a replies file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioSchema, standardSchema, type Scenario } from '../../schemas/index.ts';
import { buildChatRules, type ChatRules } from '../chat/rules.ts';
import { parseRepliesFile } from '../chat/replies-file.ts';
import { scoreChat, type ChatReport } from '../chat/score.ts';
import { parseYaml, readListFile } from './load-content.ts';

/**
 * The chat holdout sets (tests/calibration/holdout*: written by helpers who saw neither the scorer
 * nor the key points, digests in tests/holdout.sha256), for bench:chat and chat-blind.test.ts.
 */
export const CHAT_HOLDOUT_DIRS = [
  'tests/calibration/holdout',
  'tests/calibration/holdout2',
  'tests/calibration/holdout3',
  'tests/calibration/holdout4',
  'tests/calibration/holdout5',
  'tests/calibration/holdout6',
  'tests/calibration/holdout7',
  'tests/calibration/holdout8',
  'tests/calibration/holdout9',
  'tests/calibration/holdout10',
  'tests/calibration/holdout11',
  'tests/calibration/holdout12',
  'tests/calibration/holdout13',
  'tests/calibration/holdout14',
  'tests/calibration/holdout15',
  'tests/calibration/holdout16',
  'tests/calibration/holdout17',
  'tests/calibration/holdout18',
  'tests/calibration/holdout19',
  'tests/calibration/holdout20',
  'tests/calibration/holdout21',
  'tests/calibration/holdout22',
  'tests/calibration/holdout23',
  'tests/calibration/holdout24',
  'tests/calibration/holdout25',
  'tests/calibration/holdout26',
] as const;

export interface ChatEval {
  rules: ChatRules;
  scenarios: Map<string, Scenario>;
  /** Scores a replies file (`dir/file`) on a scenario; throws naming the file when it is broken. */
  score(dir: string, file: string, scenario: string): ChatReport;
}

/**
 * A calibration transcript written as the whole chat (`conversation`: `{ customer }` and
 * `{ agent, afterMs }` entries, the holdout sets' format) without a `replies` list: its agent
 * entries are the replies. Any other text is returned as it is (parseRepliesFile judges it).
 */
export function asRepliesFile(text: string): string {
  try {
    const value = JSON.parse(text) as { replies?: unknown; conversation?: unknown };
    if (value && typeof value === 'object' && value.replies === undefined && Array.isArray(value.conversation))
      return JSON.stringify({
        replies: (value.conversation as Array<{ agent?: unknown; afterMs?: unknown }>)
          .filter((m) => m && typeof m === 'object' && 'agent' in m)
          .map((m) => ({ text: m.agent, afterMs: m.afterMs })),
      });
  } catch {
    // not JSON: parseRepliesFile says so
  }
  return text;
}

export function loadChatEval(root: string): ChatEval {
  const yamlFiles = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml') && !f.startsWith('_'));
  const standards = yamlFiles('content/standards').flatMap(
    (f) => readListFile(root, join(root, 'content/standards', f), standardSchema).items,
  );
  const rules = buildChatRules(standards);
  const scenarios = new Map<string, Scenario>();
  for (const f of yamlFiles('content/scenarios')) {
    const file = `content/scenarios/${f}`;
    const sc = scenarioSchema.parse(parseYaml(readFileSync(join(root, file), 'utf8'), file).value);
    scenarios.set(sc.id, sc);
  }
  return {
    rules,
    scenarios,
    score(dir, file, scenario) {
      const sc = scenarios.get(scenario);
      if (!sc) throw new Error(`没有场景 ${scenario}（${file}）`);
      const parsed = parseRepliesFile(asRepliesFile(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
      return scoreChat(sc, parsed.replies, rules);
    },
  };
}
