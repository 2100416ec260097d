/** A reply script (话术). content/scripts/*.yaml (a list per file, usually one script family). */
import { z } from 'zod';
import { idSchema, stageSchema, textSchema } from './common.ts';

export const scriptSchema = z.object({
  /** Stable id, e.g. bargain-cheaper-elsewhere. */
  id: idSchema,
  /** Short title, the situation in a few words, e.g. 顾客说别家更便宜. */
  title: textSchema,
  /** The workflow this script belongs to. */
  workflow: idSchema,
  /** The step of that workflow where the script is used. */
  step: idSchema,
  /** Stage of the customer journey (filter in the script library and search). */
  stage: stageSchema,
  /** When to use it, one sentence. */
  situation: textSchema,
  /** What customers typically say or write in this situation (several phrasings help search). */
  customer: z.array(textSchema).default([]),
  /** The recommended reply, ready to copy and send. */
  reply: textSchema,
  /** Other good replies for the same situation. */
  variants: z.array(textSchema).default([]),
  /** Search tags and synonyms. */
  tags: z.array(textSchema).default([]),
  /** Phrases not to use in this situation. */
  avoid: z.array(textSchema).default([]),
  /** Standards this reply honours (ids). */
  standards: z.array(idSchema).default([]),
  /** Why the reply works, or what to check before sending it. */
  notes: z.string().optional(),
});
export type Script = z.infer<typeof scriptSchema>;
