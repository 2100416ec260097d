/**
 * A reply placeholder (填空): content/placeholders.yaml, a list. Replies, variants and scenario
 * lines may only use the names listed there, written as 【名称】; the staff's 我的店铺 profile
 * fills them on the device and the quick-phrase export fills them from a profile file.
 */
import { z } from 'zod';
import { textSchema } from './common.ts';

/** Where the value usually comes from: the shop (set once in 我的店铺) or the conversation at hand. */
export const PLACEHOLDER_SCOPES = ['shop', 'chat'] as const;

export const placeholderSchema = z.object({
  /** The name written between 【】 in replies, e.g. 店名. No brackets, no spaces, at most 8 characters. */
  name: z.string().regex(/^[^\s【】[\]{}<>]{1,8}$/u, '名称为 1-8 个字，不含空格和括号'),
  /** What to fill in, shown as the field label in 我的店铺, e.g. 店铺名称. */
  label: textSchema,
  /** An example value shown as the field's hint, e.g. 小米官方旗舰店. */
  example: textSchema,
  /** shop: the same for every chat (店名, 客服名, 电话); chat: changes with each customer (日期, 金额). */
  scope: z.enum(PLACEHOLDER_SCOPES).default('chat'),
  /**
   * Old names this placeholder replaced (店铺名, 姓名 …). Used only by the migration of old
   * content; the build rejects them in replies like any other unknown name.
   */
  aliases: z.array(textSchema).default([]),
});
export type Placeholder = z.infer<typeof placeholderSchema>;
