/** A service standard: a rule a new hire is measured against. content/standards/*.yaml (a list per file). */
import { z } from 'zod';
import { idSchema, textSchema } from './common.ts';

export const STANDARD_CATEGORIES = ['时效', '用语', '记录', '权限', '流程', '态度', '考核'] as const;

/** A measurable limit, e.g. { max: 15, unit: '秒' } or { min: 7, max: 15, unit: '工作日' }. */
export const thresholdSchema = z
  .object({
    /** Lowest acceptable value (inclusive), if there is one. */
    min: z.number().optional(),
    /** Highest acceptable value (inclusive), if there is one. */
    max: z.number().optional(),
    /** Unit in Chinese: 秒, 分钟, 小时, 天, 工作日, 字/分钟, 声, 元, 次/月, 号, 位, 万元 … */
    unit: textSchema,
  })
  .refine((t) => t.min !== undefined || t.max !== undefined, { message: 'threshold 至少要有 min 或 max' });

export const standardSchema = z.object({
  /** Stable id; the core ids are fixed because the quiz and chat engines refer to them. */
  id: idSchema,
  /** Short name, e.g. 首次响应时间. */
  name: textSchema,
  /** Kind of standard, used to group the catalogue. */
  category: z.enum(STANDARD_CATEGORIES),
  /** The rule in one or two plain sentences. */
  rule: textSchema,
  /** The measurable threshold, where the rule has a number. */
  threshold: thresholdSchema.optional(),
  /** Which kind of shop or role the number applies to, where sources differ. */
  appliesTo: z.string().optional(),
  /** Words or phrases the standard is about (polite words to use, phrases to avoid). */
  phrases: z.array(textSchema).default([]),
  /** Why the rule matters / how to meet it. */
  notes: z.string().optional(),
  /** Workflows (ids) the standard comes from in the sources. */
  workflows: z.array(idSchema).min(1, '至少写一个来源流程'),
});
export type Standard = z.infer<typeof standardSchema>;
