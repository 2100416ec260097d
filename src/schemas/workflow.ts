/** A workflow (SOP): one MDX page in content/workflows/, described by its frontmatter. */
import { z } from 'zod';
import { idSchema, stageSchema, textSchema } from './common.ts';

export const stepSchema = z.object({
  /** Stable id inside the workflow; the page anchor is #step-<id> and the flowchart node id is the same. */
  id: idSchema,
  /** Step title, a few words. */
  title: textSchema,
  /** What to do, in plain sentences (Markdown inline syntax allowed: **bold**, lists with "- "). */
  body: textSchema,
  /** Who does it (role), when different from the workflow's roles. */
  owner: z.string().optional(),
  /** Time limit or timing of the step in words, e.g. 付款后 24 小时内. */
  timing: z.string().optional(),
  /** Standards that apply to this step (ids). */
  standards: z.array(idSchema).default([]),
});
export type Step = z.infer<typeof stepSchema>;

export const workflowSchema = z.object({
  /** Page title, e.g. 议价处理. */
  title: textSchema,
  /** Track id (content/tracks.yaml). */
  track: idSchema,
  /** Position inside the track (1 = first). */
  order: z.number().int().positive(),
  /** Stage of the customer journey. */
  stage: stageSchema,
  /** Roles that carry out the workflow, e.g. [售前客服, 客服主管]. */
  roles: z.array(textSchema).min(1, '至少写一个岗位'),
  /** What the workflow achieves, one or two sentences (also the diagram's accDescr). */
  summary: textSchema,
  /**
   * Mermaid flowchart source ("flowchart TD" …). Node ids equal to step ids become links to the
   * step; accTitle/accDescr are added from title and summary when missing.
   */
  diagram: textSchema,
  /** The steps, in order. */
  steps: z.array(stepSchema).min(2, '至少两个步骤'),
  /** Standards that apply to the workflow as a whole (ids). */
  standards: z.array(idSchema).default([]),
  /** Scripts from other workflows that are also useful here (ids); a workflow's own scripts are found by their `workflow` field. */
  relatedScripts: z.array(idSchema).default([]),
  /** Source documents the facts come from (seed numbers such as "000"). */
  sources: z.array(z.string()).default([]),
});
export type Workflow = z.infer<typeof workflowSchema>;
