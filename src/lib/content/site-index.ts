/**
 * Lookups the pages need, derived once from the checked content: workflows by track, scripts by
 * workflow step, which workflows use which standard. Pure, so the CLI and tests can use it.
 */
import type { Script, Standard, Track } from '../../schemas/index.ts';
import type { Located, SiteContent, WorkflowEntry } from './references.ts';
import { STAGES, type Stage } from '../../schemas/common.ts';

export interface SiteIndex {
  content: SiteContent;
  tracks: Located<Track>[];
  track: Map<string, Located<Track>>;
  workflow: Map<string, WorkflowEntry>;
  standard: Map<string, Located<Standard>>;
  script: Map<string, Located<Script>>;
  /** Workflows of a track, by `order`. */
  workflowsOfTrack(trackId: string): WorkflowEntry[];
  /** Scripts whose `step` is this step of this workflow. */
  scriptsOfStep(workflowId: string, stepId: string): Located<Script>[];
  /** A workflow's own scripts plus its relatedScripts. */
  scriptsOfWorkflow(workflowId: string): Located<Script>[];
  /** Standards that apply to the workflow (workflow level, step level, and its scripts'), in catalogue order. */
  standardsOfWorkflow(workflowId: string): Located<Standard>[];
  /** Workflows that use a standard (in any of the ways above), plus the ones it comes from. */
  workflowsUsingStandard(standardId: string): WorkflowEntry[];
  /** Scripts grouped by stage, in the stage order of the schema. */
  scriptsByStage(): Array<{ stage: Stage; scripts: Located<Script>[] }>;
}

export function buildSiteIndex(content: SiteContent): SiteIndex {
  const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;
  const tracks = [...content.tracks].sort(byOrder);
  const workflow = new Map(content.workflows.map((w) => [w.id, w]));
  const standard = new Map(content.standards.map((s) => [s.id, s]));
  const script = new Map(content.scripts.map((s) => [s.id, s]));
  const standardOrder = new Map(content.standards.map((s, i) => [s.id, i]));

  const standardIdsOf = new Map<string, Set<string>>();
  for (const w of content.workflows) {
    const ids = new Set<string>([...w.standards, ...w.steps.flatMap((s) => s.standards)]);
    standardIdsOf.set(w.id, ids);
  }
  for (const s of content.scripts) s.standards.forEach((id) => standardIdsOf.get(s.workflow)?.add(id));
  const usedBy = new Map<string, Set<string>>();
  for (const [wid, ids] of standardIdsOf) for (const id of ids) (usedBy.get(id) ?? usedBy.set(id, new Set()).get(id)!).add(wid);
  for (const s of content.standards) for (const wid of s.workflows) (usedBy.get(s.id) ?? usedBy.set(s.id, new Set()).get(s.id)!).add(wid);

  return {
    content,
    tracks,
    track: new Map(tracks.map((t) => [t.id, t])),
    workflow,
    standard,
    script,
    workflowsOfTrack: (trackId) => content.workflows.filter((w) => w.track === trackId).sort(byOrder),
    scriptsOfStep: (wid, sid) => content.scripts.filter((s) => s.workflow === wid && s.step === sid),
    scriptsOfWorkflow: (wid) => [
      ...content.scripts.filter((s) => s.workflow === wid),
      ...(workflow.get(wid)?.relatedScripts ?? []).flatMap((id) => script.get(id) ?? []),
    ],
    standardsOfWorkflow: (wid) =>
      [...(standardIdsOf.get(wid) ?? [])]
        .flatMap((id) => standard.get(id) ?? [])
        .sort((a, b) => (standardOrder.get(a.id) ?? 0) - (standardOrder.get(b.id) ?? 0)),
    workflowsUsingStandard: (id) =>
      [...(usedBy.get(id) ?? [])].flatMap((wid) => workflow.get(wid) ?? []).sort((a, b) =>
        a.track === b.track ? a.order - b.order : (tracks.findIndex((t) => t.id === a.track) - tracks.findIndex((t) => t.id === b.track)),
      ),
    scriptsByStage: () =>
      STAGES.map((stage) => ({ stage, scripts: content.scripts.filter((s) => s.stage === stage) })).filter((g) => g.scripts.length),
  };
}
