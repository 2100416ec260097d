/**
 * Structural check of one quiz for the build (called from checkReferences): things the schema
 * cannot see because they depend on several fields at once. Each problem names the file, the field
 * (e.g. questions[3].nodes[2].choices[1].next) and the bad id.
 *
 * - question ids unique (attempt files are keyed by them);
 * - single/multiple: option ids and texts unique, every answer id is an option, no answer twice;
 * - ordering: item ids and texts unique;
 * - roleplay: node, ending and (per node) choice ids unique; `start` and every `next` name a node;
 *   every `ending` names an ending; each choice has exactly one of `next` and `ending`; every node
 *   can be reached from `start`; every ending is used; no loop that cannot get out to an ending;
 *   some path reaches an ending, and the best one scores more than 0.
 */
import type { Quiz } from '../../schemas/quiz.ts';
import type { ContentProblem } from '../content/problems.ts';
import { bestRoleplayPath, nodesById, reachableFrom, type Roleplay } from './roleplay.ts';

type Report = (field: string, message: string) => void;

/** Reports every repeated value of `key` in `items` at `<base>[k].<key>`. */
function checkUnique<T>(items: readonly T[], key: keyof T & string, base: string, what: string, report: Report): void {
  const first = new Map<unknown, number>();
  items.forEach((item, k) => {
    const value = item[key];
    const j = first.get(value);
    if (j === undefined) first.set(value, k);
    else report(`${base}[${k}].${key}`, `${what} “${String(value)}” 重复（与 ${base}[${j}] 相同）`);
  });
}

function checkRoleplay(q: Roleplay, base: string, report: Report): void {
  const nodes = nodesById(q);
  const endingIds = new Set(q.endings.map((e) => e.id));
  const usedEndings = new Set<string>();
  checkUnique(q.nodes, 'id', `${base}.nodes`, '节点 id', report);
  checkUnique(q.endings, 'id', `${base}.endings`, '结局 id', report);

  q.nodes.forEach((node, j) => {
    const nodeField = `${base}.nodes[${j}]`;
    checkUnique(node.choices, 'id', `${nodeField}.choices`, `节点 “${node.id}” 中的选项 id`, report);
    node.choices.forEach((c, k) => {
      const field = `${nodeField}.choices[${k}]`;
      if (c.next !== undefined && c.ending !== undefined) {
        report(field, `选项 “${c.id}” 同时写了 next（“${c.next}”）和 ending（“${c.ending}”），只能写其中一个`);
      } else if (c.next === undefined && c.ending === undefined) {
        report(field, `选项 “${c.id}” 既没有 next 也没有 ending：选了它对话就断了`);
      }
      if (c.next !== undefined && !nodes.has(c.next)) report(`${field}.next`, `没有 id 为 “${c.next}” 的节点`);
      if (c.ending !== undefined) {
        usedEndings.add(c.ending);
        if (!endingIds.has(c.ending))
          report(`${field}.ending`, `没有 id 为 “${c.ending}” 的结局（endings 中有：${[...endingIds].join('、')}）`);
      }
    });
  });

  q.endings.forEach((e, k) => {
    if (!usedEndings.has(e.id)) report(`${base}.endings[${k}].id`, `结局 “${e.id}” 没有任何选项通向它`);
  });

  if (!nodes.has(q.start)) {
    report(`${base}.start`, `起点 “${q.start}” 不是任何节点的 id`);
    return;
  }
  const reachable = reachableFrom(q, q.start, nodes);
  q.nodes.forEach((node, j) => {
    if (!reachable.has(node.id)) report(`${base}.nodes[${j}].id`, `节点 “${node.id}” 从起点 “${q.start}” 走不到`);
  });

  // Nodes that can get to an ending, found backwards from the choices that end the role-play.
  const canEnd = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const node of nodes.values()) {
      if (canEnd.has(node.id)) continue;
      if (node.choices.some((c) => c.ending !== undefined || (c.next !== undefined && canEnd.has(c.next)))) {
        canEnd.add(node.id);
        changed = true;
      }
    }
  }
  // Trapped loops: nodes that cannot end and can come back to themselves, one report per loop.
  const reported = new Set<string>();
  q.nodes.forEach((node, j) => {
    if (canEnd.has(node.id) || reported.has(node.id)) return;
    const onLoop = node.choices.some((c) => c.next !== undefined && reachableFrom(q, c.next, nodes).has(node.id));
    if (!onLoop) return;
    const reach = reachableFrom(q, node.id, nodes);
    const loop = [...reach].filter((id) => reachableFrom(q, id, nodes).has(node.id));
    loop.forEach((id) => reported.add(id));
    report(`${base}.nodes[${j}]`, `节点 ${loop.map((id) => `“${id}”`).join('、')} 构成的循环走不到任何结局：进入后无论怎么选都出不去`);
  });

  const best = bestRoleplayPath(q);
  if (!best) report(`${base}.start`, `从起点 “${q.start}” 出发没有任何路径能走到结局`);
  else if (best.score <= 0)
    report(base, `最佳路径（${best.steps.map((s) => s.choice).join(' → ')}）得分为 ${best.score}，至少要有一条得分大于 0 的路径`);
}

/** Every structural problem of `quiz`, read from `file`. */
export function checkQuizStructure(quiz: Quiz, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  checkUnique(quiz.questions, 'id', 'questions', '题目 id', (field, message) => problems.push({ file, field, message }));

  quiz.questions.forEach((q, i) => {
    const base = `questions[${i}]`;
    const report: Report = (field, message) => problems.push({ file, field, message });
    switch (q.type) {
      case 'single':
      case 'multiple': {
        checkUnique(q.options, 'id', `${base}.options`, '选项 id', report);
        checkUnique(q.options, 'text', `${base}.options`, '选项文字', report);
        const ids = q.options.map((o) => o.id);
        const known = ids.join('、');
        if (q.type === 'single') {
          if (!ids.includes(q.answer)) report(`${base}.answer`, `答案 “${q.answer}” 不是本题的选项 id（可选：${known}）`);
        } else {
          q.answers.forEach((id, k) => {
            if (!ids.includes(id)) report(`${base}.answers[${k}]`, `答案 “${id}” 不是本题的选项 id（可选：${known}）`);
            else if (q.answers.indexOf(id) !== k) report(`${base}.answers[${k}]`, `答案 “${id}” 重复`);
          });
        }
        break;
      }
      case 'ordering':
        checkUnique(q.items, 'id', `${base}.items`, '排序项 id', report);
        checkUnique(q.items, 'text', `${base}.items`, '排序项文字', report);
        break;
      case 'roleplay':
        checkRoleplay(q, base, report);
        break;
      default:
        break;
    }
  });
  return problems;
}
