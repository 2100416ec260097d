/** A quiz: quizzes/<id>.yaml. The engine (src/lib/quiz/) grades every question type below. */
import { z } from 'zod';
import { idSchema, stepRefSchema, textSchema } from './common.ts';

/** Fields every question has. */
const questionBase = {
  /** Stable id inside the quiz (attempt files refer to it). */
  id: idSchema,
  /** The question or the situation, in the customer's or the trainer's words. */
  prompt: textSchema,
  /** The workflow step the question tests. */
  ref: stepRefSchema,
  /** The standards the question tests (ids). */
  standards: z.array(idSchema).default([]),
  /** Why the right answer is right (shown in the review). */
  explanation: textSchema,
  /** Weight of the question; role-plays ignore it (their max is the best path's score). */
  points: z.number().positive().default(1),
};

const optionSchema = z.object({
  /** Option id (a, b, c …), stable across shuffles. */
  id: idSchema,
  /** Option text. */
  text: textSchema,
});

/** One answer, one right option. */
export const singleSchema = z.object({
  ...questionBase,
  type: z.literal('single'),
  options: z.array(optionSchema).min(2),
  /** The right option id. */
  answer: idSchema,
});

/** Several right options; partial credit (see src/lib/quiz/credit.ts). */
export const multipleSchema = z.object({
  ...questionBase,
  type: z.literal('multiple'),
  options: z.array(optionSchema).min(2),
  /** The right option ids. */
  answers: z.array(idSchema).min(1),
});

/** Put the items in order; items are listed here in the right order and shuffled for display. */
export const orderingSchema = z.object({
  ...questionBase,
  type: z.literal('ordering'),
  items: z.array(optionSchema).min(3),
});

/** A number from the standards, typed in. */
export const numericSchema = z.object({
  ...questionBase,
  type: z.literal('numeric'),
  /** The right number. */
  answer: z.number(),
  /** Unit shown after the box and accepted after the number, e.g. 秒. */
  unit: z.string().optional(),
  /** Other accepted spellings, e.g. [十五, 十五秒]. */
  accept: z.array(textSchema).default([]),
});

/** True or false, always with an explanation. */
export const trueFalseSchema = z.object({
  ...questionBase,
  type: z.literal('truefalse'),
  answer: z.boolean(),
});

/** One choice in a role-play node. */
export const roleplayChoiceSchema = z.object({
  /** Choice id, unique inside its node. */
  id: idSchema,
  /** What the agent says or does. */
  text: textSchema,
  /** Points for this choice (may be 0 or negative). */
  score: z.number(),
  /** What a good agent would say about this choice. */
  feedback: textSchema,
  /** Standards the choice honours (ids). */
  honours: z.array(idSchema).default([]),
  /** Standards the choice breaks (ids). */
  breaks: z.array(idSchema).default([]),
  /** The next node id, or omitted when the choice ends the role-play at `ending`. */
  next: idSchema.optional(),
  /** Ending id reached by this choice (when there is no `next`). */
  ending: idSchema.optional(),
});

/** One moment of the role-play: the customer's line and the agent's choices. */
export const roleplayNodeSchema = z.object({
  /** Node id. */
  id: idSchema,
  /** What the customer says (or the situation, in brackets). */
  customer: textSchema,
  /** Optional situation note shown above the customer's line. */
  situation: z.string().optional(),
  /** The agent's choices (at least two). */
  choices: z.array(roleplayChoiceSchema).min(2),
});

/** How a role-play can end. */
export const roleplayEndingSchema = z.object({
  /** Ending id. */
  id: idSchema,
  /** Short title, e.g. 顾客满意下单. */
  title: textSchema,
  /** good / neutral / bad. */
  outcome: z.enum(['good', 'neutral', 'bad']),
  /** What happened, shown at the end. */
  text: textSchema,
});

/** Branching scenario: total = sum of choice scores along the path; max = best path (computed). */
export const roleplaySchema = z.object({
  ...questionBase,
  type: z.literal('roleplay'),
  /** First node id. */
  start: idSchema,
  nodes: z.array(roleplayNodeSchema).min(1),
  endings: z.array(roleplayEndingSchema).min(1),
});

export const questionSchema = z.discriminatedUnion('type', [
  singleSchema,
  multipleSchema,
  orderingSchema,
  numericSchema,
  trueFalseSchema,
  roleplaySchema,
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];

export const quizSchema = z.object({
  /** Stable id (the file name). */
  id: idSchema,
  /** Quiz title. */
  title: textSchema,
  /** Version; bump it when questions change so old attempts are recognised. */
  version: z.number().int().positive(),
  /** The main workflow the quiz is about. */
  workflow: idSchema,
  /** One or two sentences shown before starting. */
  description: textSchema,
  /** Pass mark in percent (0-100). */
  passMark: z.number().min(0).max(100).default(80),
  /** The questions, in their default order. */
  questions: z.array(questionSchema).min(1),
});
export type Quiz = z.infer<typeof quizSchema>;
