/**
 * Role-play (branching) questions as a graph: nodes are moments of the conversation, choices are
 * edges to the `next` node or to an `ending`.
 *
 * - walkRoleplay follows a learner's answer — the list of choice ids taken, from `start` — and
 *   sums the choice scores along it (the path's total), collecting the ending reached and the
 *   standards honoured/broken on the way.
 * - bestRoleplayPath computes the question's max from the graph (never hand-written): the highest
 *   total of any path from `start` that reaches an ending without visiting a node twice. It is a
 *   depth-first search memoised on (node, the nodes already on the path that this node can still
 *   reach): on an acyclic graph that is just the node, so each node is solved once; inside a loop
 *   the key also carries the loop nodes already visited, which keeps the answer exact.
 *
 * A choice that has `ending` ends the path there (even if it also has `next`; the structure check
 * reports that); a choice with neither, or whose `next` does not exist, leads nowhere.
 */
import type { Question } from '../../schemas/quiz.ts';

export type Roleplay = Extract<Question, { type: 'roleplay' }>;
export type RoleplayNode = Roleplay['nodes'][number];
export type RoleplayChoice = RoleplayNode['choices'][number];
export type RoleplayEnding = Roleplay['endings'][number];

/** Nodes by id (the first one wins when an id is repeated). */
export function nodesById(q: Roleplay): Map<string, RoleplayNode> {
  const map = new Map<string, RoleplayNode>();
  for (const node of q.nodes) if (!map.has(node.id)) map.set(node.id, node);
  return map;
}

/** Ids of the nodes reachable from `from` through `next` links, `from` included. */
export function reachableFrom(q: Roleplay, from: string, nodes = nodesById(q)): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop() as string;
    const node = nodes.get(id);
    if (!node || seen.has(id)) continue;
    seen.add(id);
    for (const c of node.choices) if (c.ending === undefined && c.next !== undefined) stack.push(c.next);
  }
  return seen;
}

function pushUnique(list: string[], ids: readonly string[]): void {
  for (const id of ids) if (!list.includes(id)) list.push(id);
}

/** One choice taken on a path. */
export interface PathStep {
  /** Node the choice was made in. */
  node: string;
  /** Choice id. */
  choice: string;
  /** The choice's score. */
  score: number;
}

export interface RoleplayWalk {
  steps: PathStep[];
  /** Sum of the choice scores along the path. */
  total: number;
  /** The ending reached, when the path reached one that exists. */
  ending: RoleplayEnding | undefined;
  /** True when the last choice ends the role-play. */
  finished: boolean;
  /** Standards honoured along the path (ids, first-seen order, no repeats). */
  honoured: string[];
  /** Standards broken along the path (ids, first-seen order, no repeats). */
  broken: string[];
  /** The first choice id that cannot be followed (0-based index in the answer), with why. */
  error?: { index: number; message: string };
}

/** Follows the learner's choices from `start`; stops at the first one that cannot be followed. */
export function walkRoleplay(q: Roleplay, choiceIds: readonly string[]): RoleplayWalk {
  const nodes = nodesById(q);
  const walk: RoleplayWalk = { steps: [], total: 0, ending: undefined, finished: false, honoured: [], broken: [] };
  let nodeId: string | undefined = q.start;
  for (const [index, id] of choiceIds.entries()) {
    if (walk.finished) {
      walk.error = { index, message: `第 ${index + 1} 步：对话在第 ${index} 步已经结束，之后不能再有选择 “${id}”` };
      break;
    }
    const node: RoleplayNode | undefined = nodeId === undefined ? undefined : nodes.get(nodeId);
    if (!node) {
      walk.error = { index, message: `第 ${index + 1} 步：找不到节点 “${nodeId ?? '（无）'}”` };
      break;
    }
    const choice: RoleplayChoice | undefined = node.choices.find((c) => c.id === id);
    if (!choice) {
      walk.error = {
        index,
        message: `第 ${index + 1} 步：节点 “${node.id}” 没有选项 “${id}”（可选：${node.choices.map((c) => c.id).join('、')}）`,
      };
      break;
    }
    walk.steps.push({ node: node.id, choice: choice.id, score: choice.score });
    walk.total += choice.score;
    pushUnique(walk.honoured, choice.honours);
    pushUnique(walk.broken, choice.breaks);
    if (choice.ending !== undefined) {
      walk.finished = true;
      walk.ending = q.endings.find((e) => e.id === choice.ending);
    } else nodeId = choice.next;
  }
  return walk;
}

export interface BestPath {
  /** The best total reachable (the question's max). */
  score: number;
  /** The choices of one best path, in order. */
  steps: PathStep[];
  /** The ending id it reaches. */
  ending: string;
}

type Found = { score: number; steps: PathStep[]; ending: string } | null;

/** The best-scoring path from `start` to an ending, or undefined when no path reaches one. */
export function bestRoleplayPath(q: Roleplay): BestPath | undefined {
  const nodes = nodesById(q);
  const reach = new Map<string, Set<string>>();
  const reachOf = (id: string) => {
    let r = reach.get(id);
    if (!r) reach.set(id, (r = reachableFrom(q, id, nodes)));
    return r;
  };
  const memo = new Map<string, Found>();

  const best = (id: string, onPath: Set<string>): Found => {
    const node = nodes.get(id);
    if (!node || onPath.has(id)) return null;
    const r = reachOf(id);
    const key = `${id}|${[...onPath]
      .filter((n) => r.has(n))
      .sort()
      .join(',')}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    onPath.add(id);
    let found: Found = null;
    for (const c of node.choices) {
      const step = { node: id, choice: c.id, score: c.score };
      let candidate: Found = null;
      if (c.ending !== undefined) candidate = { score: c.score, steps: [step], ending: c.ending };
      else if (c.next !== undefined) {
        const rest = best(c.next, onPath);
        if (rest) candidate = { score: c.score + rest.score, steps: [step, ...rest.steps], ending: rest.ending };
      }
      if (candidate && (!found || candidate.score > found.score)) found = candidate;
    }
    onPath.delete(id);
    memo.set(key, found);
    return found;
  };

  return best(q.start, new Set()) ?? undefined;
}
