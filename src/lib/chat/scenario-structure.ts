/**
 * Authoring checks of a chat scenario that the zod schema alone cannot see: duplicate ids, branches
 * to nowhere, unknown intents, unreachable turns, turns that can never end.
 */
import { CUSTOMER_LEFT_ENDING, type Scenario, type Turn } from '../../schemas/scenario.ts';
import type { ContentProblem } from '../content/problems.ts';
import { BUILTIN_INTENT_IDS } from './builtin-intents.ts';

/**
 * Structural check of one scenario: ids unique across turns and endings, branches and defaults
 * pointing at existing turns or endings, every intent known, every turn reachable from the first,
 * an ending reachable from every turn. Problems name the file and the field, in Chinese.
 */
export function checkScenarioStructure(scenario: Scenario, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (field: string, message: string) => problems.push({ file, field, message });

  const turnIds = new Map<string, number>();
  const endingIds = new Set<string>();
  scenario.turns.forEach((t, i) => {
    if (turnIds.has(t.id)) add(`turns[${i}].id`, `回合 id “${t.id}” 重复`);
    else turnIds.set(t.id, i);
  });
  scenario.endings.forEach((e, i) => {
    if (turnIds.has(e.id) || endingIds.has(e.id)) add(`endings[${i}].id`, `结局 id “${e.id}” 与其他回合或结局重复`);
    endingIds.add(e.id);
  });

  const intents = new Set([...BUILTIN_INTENT_IDS, ...Object.keys(scenario.intents)]);
  const checkIntents = (ids: readonly string[], field: string) =>
    ids.forEach((id, k) => {
      if (!intents.has(id))
        add(`${field}[${k}]`, `未知的意图 id “${id}”（在 intents 中定义，或使用内置意图：${BUILTIN_INTENT_IDS.join('、')}）`);
    });
  const checkTarget = (id: string, field: string) => {
    if (!turnIds.has(id) && !endingIds.has(id)) add(field, `“${id}” 既不是回合 id，也不是结局 id`);
  };

  scenario.turns.forEach((t, i) => {
    const base = `turns[${i}]`;
    if (i > 0 && t.customer.length === 0) add(`${base}.customer`, '除第一个回合外，每个回合都要有顾客的话');
    if (t.afterGoodbye && !t.later) add(`${base}.afterGoodbye`, 'afterGoodbye 只用于后来的场景：同一回合要先写 later: true');
    t.expect.forEach((k, j) => {
      checkIntents(k.intents, `${base}.expect[${j}].intents`);
      if (k.overreach) add(`${base}.expect[${j}].overreach`, 'overreach 只用于 avoid（不该说的越权承诺），不用于 expect');
    });
    t.avoid.forEach((k, j) => checkIntents(k.intents, `${base}.avoid[${j}].intents`));
    t.branches.forEach((b, j) => {
      checkIntents(b.when.all, `${base}.branches[${j}].when.all`);
      checkIntents(b.when.any, `${base}.branches[${j}].when.any`);
      checkIntents(b.when.none, `${base}.branches[${j}].when.none`);
      checkTarget(b.next, `${base}.branches[${j}].next`);
    });
    checkTarget(t.default, `${base}.default`);
  });

  // Reachability over the graph turn → (branch targets + default).
  const edges = (t: Turn) => [...t.branches.map((b) => b.next), t.default];
  const byId = new Map(scenario.turns.map((t) => [t.id, t]));
  const reached = new Set<string>();
  const first = scenario.turns[0];
  const queue = first ? [first.id] : [];
  while (queue.length) {
    const id = queue.shift() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    const turn = byId.get(id);
    if (turn) queue.push(...edges(turn).filter((n) => !reached.has(n)));
  }
  scenario.turns.forEach((t, i) => {
    if (!reached.has(t.id)) add(`turns[${i}].id`, `回合 “${t.id}” 从第一个回合出发无法到达`);
  });
  scenario.endings.forEach((e, i) => {
    if (!reached.has(e.id) && e.id !== CUSTOMER_LEFT_ENDING) add(`endings[${i}].id`, `结局 “${e.id}” 从第一个回合出发无法到达`);
  });

  // Which turns can reach an ending (fixed point over the reverse graph).
  const canEnd = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of scenario.turns) {
      if (canEnd.has(t.id)) continue;
      if (edges(t).some((n) => endingIds.has(n) || canEnd.has(n))) {
        canEnd.add(t.id);
        changed = true;
      }
    }
  }
  if (first && !canEnd.has(first.id)) add('endings', '从第一个回合出发到达不了任何结局');
  else {
    scenario.turns.forEach((t, i) => {
      if (reached.has(t.id) && !canEnd.has(t.id)) add(`turns[${i}]`, `回合 “${t.id}” 之后无论怎样都到不了结局（死循环）`);
    });
  }
  return problems;
}
