/** A track: one kind of customer-service team, with its onboarding path. content/tracks.yaml */
import { z } from 'zod';
import { idSchema, textSchema } from './common.ts';

export const trackSchema = z.object({
  /** Stable id, used in URLs (/tracks/<id>/). */
  id: idSchema,
  /** Display name, e.g. 电商客服. */
  title: textSchema,
  /** Position on the home page (1 = first). */
  order: z.number().int().positive(),
  /** Who this track is for, one sentence. */
  audience: textSchema,
  /** What the track covers, one or two sentences. */
  summary: textSchema,
  /** The onboarding path: workflow ids in the order a new hire should read them. */
  path: z.array(idSchema).default([]),
});
export type Track = z.infer<typeof trackSchema>;
