/**
 * What a learner's answer to each question type looks like in an attempt file, and the check of
 * one answer against its question (used when an attempt file is read).
 *
 * | type      | answer                                                        |
 * |-----------|---------------------------------------------------------------|
 * | single    | the chosen option id: "b"                                      |
 * | multiple  | the picked option ids: ["a", "c"] (any order, [] = none)       |
 * | ordering  | every item id once, in the learner's order: ["c", "a", "b"]    |
 * | numeric   | the text typed, as typed: "十五秒" (a plain number is accepted) |
 * | truefalse | true or false                                                  |
 * | roleplay  | the choice ids taken from `start`: ["greet", "offer", "close"] |
 *
 * A question left out of `answers` (or answered null) is unanswered and scores 0. A role-play path
 * that has not reached an ending yet is allowed (an attempt saved half-way).
 */
import { z } from 'zod';
import type { Question } from '../../schemas/quiz.ts';
import { walkRoleplay } from './roleplay.ts';

/** One answer in an attempt file (its shape depends on the question type, see the table above). */
export const answerValueSchema = z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(200)).max(500), z.null()]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

const TYPE_NAMES: Record<Question['type'], string> = {
  single: '单选题',
  multiple: '多选题',
  ordering: '排序题',
  numeric: '填空题',
  truefalse: '判断题',
  roleplay: '情景对话题',
};

/** Chinese name of a question type (单选题 …). */
export function typeName(type: Question['type']): string {
  return TYPE_NAMES[type];
}

const isIdList = (v: AnswerValue): v is string[] => Array.isArray(v);

function unknownIds(ids: readonly string[], known: readonly string[], what: string): string[] {
  return ids.filter((id) => !known.includes(id)).map((id) => `没有${what} “${id}”（可选：${known.join('、')}）`);
}

function repeated(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))].map((id) => `“${id}” 出现了不止一次`);
}

/** What is wrong with `value` as an answer to `question` (Chinese sentences); [] when it is fine. */
export function answerProblems(question: Question, value: AnswerValue): string[] {
  if (value === null) return [];
  const name = TYPE_NAMES[question.type];
  switch (question.type) {
    case 'single': {
      if (typeof value !== 'string') return [`${name}的答案应是一个选项 id（字符串）`];
      return unknownIds(
        [value],
        question.options.map((o) => o.id),
        '选项',
      );
    }
    case 'multiple': {
      if (!isIdList(value)) return [`${name}的答案应是选项 id 的列表，例如 ["a", "c"]`];
      return [
        ...unknownIds(
          value,
          question.options.map((o) => o.id),
          '选项',
        ),
        ...repeated(value),
      ];
    }
    case 'ordering': {
      if (!isIdList(value)) return [`${name}的答案应是全部排序项 id 的列表，按作答顺序排列`];
      const ids = question.items.map((o) => o.id);
      const missing = ids.filter((id) => !value.includes(id)).map((id) => `缺少排序项 “${id}”（每一项都要出现一次）`);
      return [...unknownIds(value, ids, '排序项'), ...repeated(value), ...missing];
    }
    case 'numeric':
      return typeof value === 'string' || typeof value === 'number' ? [] : [`${name}的答案应是填写的文字或数字`];
    case 'truefalse':
      return typeof value === 'boolean' ? [] : [`${name}的答案应是 true 或 false`];
    case 'roleplay': {
      if (!isIdList(value)) return [`${name}的答案应是从起点开始依次选择的选项 id 列表`];
      const walk = walkRoleplay(question, value);
      return walk.error ? [walk.error.message] : [];
    }
  }
}
