/**
 * A chat-simulator scenario: content/scenarios/<id>.yaml (one scenario per file).
 *
 * The trainee chats with a virtual customer. The customer speaks `opening`, then each turn's
 * `customer` lines; the trainee's messages are matched against named synonym groups (`intents`)
 * and the turn's `branches` decide where the conversation goes. The scoring engine
 * (src/lib/chat/) grades the chat against the standards; `checkScenarioStructure` (src/lib/chat/scenario-structure.ts) finds
 * authoring mistakes the schema alone cannot see (unreachable turns, dangling branches …).
 */
import { z } from 'zod';
import { idSchema, textSchema } from './common.ts';

/** Customer moods (the UI may pick an avatar or tone from it). */
export const MOODS = ['平静', '犹豫', '着急', '怀疑', '挑剔', '失望', '生气'] as const;

/** How a chat can end: the customer is satisfied, takes it further (complaint, bad review), or leaves. */
export const ENDING_KINDS = ['satisfied', 'escalates', 'leaves'] as const;
export type EndingKind = (typeof ENDING_KINDS)[number];

/** Id of the ending used when the trainee stops replying or keeps the customer waiting too long. */
export const CUSTOMER_LEFT_ENDING = 'customer-left';

const intentObjectSchema = z.object({
  /** What the intent means, shown in reports, e.g. 提出送赠品. Defaults to the id. */
  label: z.string().trim().min(1).optional(),
  /**
   * Words or phrases, any of which signals the intent. Matched after normalisation (full-width
   * letters and digits become half-width, case and spaces are ignored).
   */
  phrases: z.array(textSchema).min(1, '至少写一个近义词'),
  /** Phrases that cancel the match when they occur in the same clause, e.g. 没有赠品. */
  unless: z.array(textSchema).default([]),
  /**
   * When true (the default), a phrase right after a negation in the same clause (不能便宜、
   * 没有赠品、无法退) does not count, and neither does one followed by 不了/不到.
   */
  negatable: z.boolean().default(true),
  /**
   * When true, the engine also reads an amount of money from the matching clause: 便宜30元,
   * 减二十, 50块, 打8折 / 85折 (a 折 is turned into yuan with `product.price`). A 折 pattern
   * alone also counts as a match. Used by the discount-authority check.
   */
  amount: z.boolean().default(false),
});

/** One intent: either a plain list of phrases or the full object above. */
export const intentSchema = z.union([
  z
    .array(textSchema)
    .min(1, '至少写一个近义词')
    .transform((phrases) => ({ phrases, unless: [] as string[], negatable: true, amount: false, label: undefined as string | undefined })),
  intentObjectSchema,
]);
export type IntentDef = z.infer<typeof intentSchema>;

/** Something the agent should (or should not) say in a turn. */
export const keyPointSchema = z.object({
  /** What is expected, in Chinese, shown in the report, e.g. 说明要向主管申请. */
  label: textSchema,
  /** Intent ids (scenario `intents` or built-in ones) that show the point was made. */
  intents: z.array(idSchema).min(1, '至少写一个意图 id'),
  /** `any` (default): one of the intents is enough; `all`: every intent must appear in the turn. */
  match: z.enum(['any', 'all']).default('any'),
  /** Relative weight inside the SOP-handling part of the score. */
  weight: z.number().positive().default(1),
  /** The standard the point belongs to (id), when there is one; otherwise the report links to the workflow. */
  standard: idSchema.optional(),
  /** The script (话术) to study for this point (id); defaults to the turn's `script`. */
  script: idSchema.optional(),
  /**
   * Only for `avoid`: saying it promises what no agent may (运费我们出, 免三个月租金, 加我微信转给我):
   * it caps the score as a promise beyond one's authority does (score.ts OVERREACH_CAP).
   */
  overreach: z.boolean().default(false),
});
export type KeyPoint = z.infer<typeof keyPointSchema>;

/** Which intents must appear in the agent's messages of the turn for a branch to be taken. */
export const conditionSchema = z
  .object({
    /** Every one of these intents. */
    all: z.array(idSchema).default([]),
    /** At least one of these intents. */
    any: z.array(idSchema).default([]),
    /** None of these intents. */
    none: z.array(idSchema).default([]),
  })
  .refine((c) => c.all.length + c.any.length + c.none.length > 0, { message: 'when 至少要有 all、any 或 none 之一' });

export const branchSchema = z.object({
  /** Condition over the intents the agent used in this turn so far. */
  when: conditionSchema,
  /** The next turn id, or an ending id. */
  next: idSchema,
  /**
   * When true, the branch is not taken at once: it is checked only when the customer stops
   * waiting (after `maxReplies` messages), before the default. Use it for a lenient “good enough”
   * path next to a strict one that fires immediately.
   */
  atEnd: z.boolean().default(false),
});
export type Branch = z.infer<typeof branchSchema>;

/** One or several lines; a single string is accepted for one line. */
const linesSchema = z.union([textSchema.transform((s) => [s]), z.array(textSchema)]);

export const turnSchema = z.object({
  /** Turn id, unique among turns and endings. */
  id: idSchema,
  /**
   * What the customer says when the turn starts (one or several messages). The first turn may
   * leave it empty: the scenario's `opening` is its customer line.
   */
  customer: linesSchema.default([]),
  /**
   * What the agent learns at this point that the customer does not say (shown to the trainee
   * only), e.g. 仓库回复：面单没找到，包裹下午已经发出。
   */
  situation: z.string().trim().min(1).optional(),
  /**
   * The turn happens later in the story (the callback in the afternoon, arriving at the door): in
   * a transcript with real times, the wait before the agent's first message in it is the time
   * that passed, not a wait the customer sat through (not timed, and the customer does not leave).
   */
  later: z.boolean().default(false),
  /**
   * With `later`: the scene before it is a call the agent ends with a goodbye (the appointment
   * call before the door, the first call before the callback). The customer stays on the call,
   * and this turn starts, only after the goodbye (or a long gap, or the customer's patience).
   */
  afterGoodbye: z.boolean().default(false),
  /** The workflow step this turn practises (a step id of the scenario's workflow). */
  step: idSchema.optional(),
  /** The script (话术) that fits this turn (id). */
  script: idSchema.optional(),
  /** Key points a good agent makes in this turn (scored). */
  expect: z.array(keyPointSchema).default([]),
  /** Things the agent must not say in this turn; each one said costs its weight. */
  avoid: z.array(keyPointSchema).default([]),
  /**
   * Checked in order after every agent message of the turn; the first branch whose condition
   * holds is taken at once (branches with `atEnd` only when the customer stops waiting).
   */
  branches: z.array(branchSchema).default([]),
  /** Where the chat goes when no branch matched after `maxReplies` agent messages (turn or ending id). */
  default: idSchema,
  /**
   * How many agent messages the customer reads in this turn before taking the default branch.
   * Messages that ask the customer to wait (the `holds` intent) do not count.
   */
  maxReplies: z.number().int().positive().default(2),
  /** What a good agent would write in this turn (one or several messages), shown after the chat. */
  modelReplies: z.array(textSchema).min(1, '至少写一条示范回复'),
});
export type Turn = z.infer<typeof turnSchema>;

export const endingSchema = z.object({
  /** Ending id, unique among turns and endings. `customer-left` replaces the built-in “customer left”. */
  id: idSchema,
  /** satisfied (full marks for the outcome), escalates (complaint, bad review) or leaves. */
  kind: z.enum(ENDING_KINDS),
  /** What happened, shown at the end, e.g. 顾客接受了赠品，当场付款。 */
  text: textSchema,
});
export type Ending = z.infer<typeof endingSchema>;

/** Optional time limits in seconds; missing ones come from the standards' thresholds. */
export const timeLimitsSchema = z.object({
  /** Limit for the first reply (default: first-response-time's max, 15 s). */
  firstReplySec: z.number().positive().optional(),
  /** Limit for every later reply (default: reply-response-time's max, 20 s). */
  replySec: z.number().positive().optional(),
  /**
   * Limit for the message after one that asked the customer to wait (稍等, 我去问主管):
   * default 180 s, the 2-3 minutes the bargaining SOP allows for asking the supervisor.
   */
  holdSec: z.number().positive().optional(),
  /** The customer leaves when a wait exceeds its limit by more than this (default 120 s). */
  leaveAfterSec: z.number().positive().optional(),
});
export type TimeLimits = z.infer<typeof timeLimitsSchema>;

export const scenarioSchema = z.object({
  /** Stable id, equal to the file name, e.g. bargain-repeat. */
  id: idSchema,
  /** Short title of the situation, e.g. 顾客反复砍价. */
  title: textSchema,
  /** Version; bump it when turns or key points change so old results are recognised. */
  version: z.number().int().positive(),
  /** Track id (content/tracks.yaml). */
  track: idSchema,
  /** The workflow (SOP) the scenario practises (id). */
  workflow: idSchema,
  /** Search and filter tags, e.g. [议价, 售前]. */
  tags: z.array(textSchema).default([]),
  /** Standards the scenario tests (ids), shown before the chat; the core chat standards always apply. */
  standards: z.array(idSchema).min(1, '至少写一个标准'),
  /** One or two sentences shown before starting: who the trainee is and what happened. */
  brief: textSchema,
  /** The virtual customer. */
  persona: z.object({
    /** Display name (a nickname such as 小王 or an IM handle). */
    name: textSchema,
    /** Who the customer is and what they want, one or two sentences. */
    description: textSchema,
    /** Mood at the start. */
    mood: z.enum(MOODS),
  }),
  /** The product being discussed; `price` (yuan) turns “打8折” into an amount for the discount check. */
  product: z
    .object({
      /** Product name. */
      name: textSchema,
      /** Price in yuan. */
      price: z.number().positive().optional(),
    })
    .optional(),
  /**
   * The largest discount in yuan the agent may give on their own in this shop, when it differs
   * from the discount-authority standard's 20 元 (资料 003: the agent decides up to 20 元). 0 for a
   * flagship store where prices are fixed and every discount goes through the supervisor
   * (资料 000). Read by the discount-authority check; promises above it fail.
   */
  discountLimitYuan: z.number().min(0).optional(),
  /** The customer's first message. */
  opening: textSchema,
  /** Named synonym groups (id → phrases); they add to or replace the built-in intents. */
  intents: z.record(idSchema, intentSchema).default({}),
  /** The turns; the first one is where the chat starts. */
  turns: z.array(turnSchema).min(1, '至少一个回合'),
  /** How the chat can end (at least one). */
  endings: z.array(endingSchema).min(1, '至少一个结局'),
  /** Time limits; missing values come from the standards. */
  timeLimits: timeLimitsSchema.default({}),
  /** Scripts (话术) worth reading before or after the chat (ids). */
  scripts: z.array(idSchema).default([]),
});
export type Scenario = z.infer<typeof scenarioSchema>;
