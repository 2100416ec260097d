/**
 * Shared building blocks of the content model. Every other schema imports its ids,
 * stages and track names from here, so a rule changes in one place.
 */
import { z } from 'zod';

// No code generation: zod's JIT probes `new Function`, which the site's Content-Security-Policy
// forbids (and reports). Every schema module imports this one, so this runs before any parse.
z.config({ jitless: true });

/** A stable id: lower-case latin letters, digits and single hyphens (used in URLs and anchors). */
export const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id 只能由小写字母、数字和单个连字符组成，例如 bargain-repeat');

/** The stage of a customer's journey a workflow or script belongs to (used for filters). */
export const STAGES = ['售前', '售中', '售后', '投诉', '回访', '接待', '管理', '通用'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

/** Non-empty trimmed text. */
export const textSchema = z.string().trim().min(1, '不能为空');

/** A reference to one step of one workflow. */
export const stepRefSchema = z.object({
  /** Workflow id (the MDX file name in content/workflows/). */
  workflow: idSchema,
  /** Step id inside that workflow's `steps`. */
  step: idSchema,
});
export type StepRef = z.infer<typeof stepRefSchema>;
