/**
 * Cross-reference check over the whole site's content: every id a file names must exist.
 * Pure: the Astro build and the CLI both call it with what they loaded.
 */
import type { Placeholder, Quiz, Scenario, Script, Standard, Track, Workflow } from '../../schemas/index.ts';
import { checkScenarioStructure } from '../chat/scenario-structure.ts';
import type { ContentProblem } from './problems.ts';
import { diagramNodeIds, isMermaidReserved } from './diagram.ts';
import { checkQuizStructure } from '../quiz/structure.ts';
import { checkPlaceholders, checkVocabulary } from '../workbench/placeholders.ts';

/** A content entry with the file it came from. */
export type Located<T> = T & { file: string };
/** A workflow with its id and, when loaded, the plain text of its MDX body (prose.ts, for search). */
export type WorkflowEntry = Located<Workflow & { id: string; prose?: string[] }>;

export interface SiteContent {
  tracks: Located<Track>[];
  workflows: WorkflowEntry[];
  scripts: Located<Script>[];
  standards: Located<Standard>[];
  quizzes: Located<Quiz>[];
  /** Chat scenarios (content/scenarios/*.yaml); optional for callers that do not load them. */
  scenarios?: Located<Scenario>[];
  /**
   * The reply placeholder vocabulary (content/placeholders.yaml); when given, every reply, variant
   * and scenario line may use only its names and none of the old ××/XX/** blanks.
   */
  placeholders?: Located<Placeholder>[];
}

function duplicates<T extends { id: string; file: string }>(items: T[], kind: string): ContentProblem[] {
  const seen = new Map<string, string>();
  const out: ContentProblem[] = [];
  for (const item of items) {
    const first = seen.get(item.id);
    if (first) out.push({ file: item.file, field: 'id', message: `${kind} id “${item.id}” 重复（已在 ${first} 中定义）` });
    else seen.set(item.id, item.file);
  }
  return out;
}

export function checkReferences(site: SiteContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const trackIds = new Set(site.tracks.map((t) => t.id));
  const workflows = new Map(site.workflows.map((w) => [w.id, w]));
  const scriptIds = new Set(site.scripts.map((s) => s.id));
  const standardIds = new Set(site.standards.map((s) => s.id));

  const need = (ok: boolean, file: string, field: string, kind: string, id: string) => {
    if (!ok) problems.push({ file, field, message: `未知的${kind} id “${id}”` });
  };
  const stepExists = (workflow: string, step: string) =>
    workflows.get(workflow)?.steps.some((s) => s.id === step) ?? false;

  problems.push(
    ...duplicates(site.tracks, '路线'),
    ...duplicates(site.workflows, '流程'),
    ...duplicates(site.scripts, '话术'),
    ...duplicates(site.standards, '标准'),
    ...duplicates(site.quizzes, '测验'),
    ...duplicates(site.scenarios ?? [], '聊天场景'),
  );

  for (const t of site.tracks) {
    t.path.forEach((id, i) => need(workflows.has(id), t.file, `${t.id}.path[${i}]`, '流程', id));
  }

  for (const w of site.workflows) {
    need(trackIds.has(w.track), w.file, 'track', '路线', w.track);
    w.standards.forEach((id, i) => need(standardIds.has(id), w.file, `standards[${i}]`, '标准', id));
    w.relatedScripts.forEach((id, i) => need(scriptIds.has(id), w.file, `relatedScripts[${i}]`, '话术', id));
    const stepIds = new Set<string>();
    w.steps.forEach((step, i) => {
      if (stepIds.has(step.id)) problems.push({ file: w.file, field: `steps[${i}].id`, message: `步骤 id “${step.id}” 重复` });
      stepIds.add(step.id);
      step.standards.forEach((id, j) => need(standardIds.has(id), w.file, `steps[${i}].standards[${j}]`, '标准', id));
    });
    w.steps.forEach((step, i) => {
      if (isMermaidReserved(step.id)) {
        problems.push({ file: w.file, field: `steps[${i}].id`, message: `步骤 id “${step.id}” 是 Mermaid 的保留字（或以 end 开头），流程图会解析失败，请换一个 id` });
      }
    });
    const nodes = diagramNodeIds(w.diagram);
    w.steps.forEach((step, i) => {
      if (!nodes.has(step.id)) {
        problems.push({ file: w.file, field: `steps[${i}].id`, message: `步骤 “${step.id}” 没有出现在流程图 diagram 中（节点 id 要与步骤 id 相同）` });
      }
    });
  }

  for (const s of site.scripts) {
    const field = (f: string) => `${s.id}.${f}`;
    if (!workflows.has(s.workflow)) need(false, s.file, field('workflow'), '流程', s.workflow);
    else if (!stepExists(s.workflow, s.step)) {
      problems.push({ file: s.file, field: field('step'), message: `流程 “${s.workflow}” 中没有步骤 “${s.step}”` });
    }
    s.standards.forEach((id, i) => need(standardIds.has(id), s.file, field(`standards[${i}]`), '标准', id));
  }

  for (const s of site.standards) {
    s.workflows.forEach((id, i) => need(workflows.has(id), s.file, `${s.id}.workflows[${i}]`, '流程', id));
  }

  for (const q of site.quizzes) {
    need(workflows.has(q.workflow), q.file, 'workflow', '流程', q.workflow);
    q.questions.forEach((question, i) => {
      const base = `questions[${i}]`;
      if (!workflows.has(question.ref.workflow)) need(false, q.file, `${base}.ref.workflow`, '流程', question.ref.workflow);
      else if (!stepExists(question.ref.workflow, question.ref.step)) {
        problems.push({ file: q.file, field: `${base}.ref.step`, message: `流程 “${question.ref.workflow}” 中没有步骤 “${question.ref.step}”` });
      }
      question.standards.forEach((id, j) => need(standardIds.has(id), q.file, `${base}.standards[${j}]`, '标准', id));
    });
    problems.push(...checkQuizStructure(q, q.file));
  }
  for (const sc of site.scenarios ?? []) {
    need(trackIds.has(sc.track), sc.file, 'track', '路线', sc.track);
    need(workflows.has(sc.workflow), sc.file, 'workflow', '流程', sc.workflow);
    sc.standards.forEach((id, i) => need(standardIds.has(id), sc.file, `standards[${i}]`, '标准', id));
    sc.scripts.forEach((id, i) => need(scriptIds.has(id), sc.file, `scripts[${i}]`, '话术', id));
    sc.turns.forEach((t, i) => {
      if (t.step && workflows.has(sc.workflow) && !stepExists(sc.workflow, t.step)) {
        problems.push({ file: sc.file, field: `turns[${i}].step`, message: `流程 “${sc.workflow}” 中没有步骤 “${t.step}”` });
      }
      if (t.script) need(scriptIds.has(t.script), sc.file, `turns[${i}].script`, '话术', t.script);
      for (const kind of ['expect', 'avoid'] as const) {
        t[kind].forEach((k, j) => {
          if (k.standard) need(standardIds.has(k.standard), sc.file, `turns[${i}].${kind}[${j}].standard`, '标准', k.standard);
          if (k.script) need(scriptIds.has(k.script), sc.file, `turns[${i}].${kind}[${j}].script`, '话术', k.script);
        });
      }
    });
    problems.push(...checkScenarioStructure(sc, sc.file));
  }
  if (site.placeholders) problems.push(...checkVocabulary(site.placeholders), ...checkPlaceholders(site, site.placeholders));
  return problems;
}
