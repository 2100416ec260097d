/**
 * Reads an attempt file (attempt.ts) for one quiz and says, in Chinese, everything that stops it
 * from being graded: empty or truncated file, not JSON, not an attempt file, an unsupported format
 * version, missing or mistyped fields, an attempt for another quiz or another version of this quiz
 * (version or content hash), answers naming unknown questions, options, items or choices.
 */
import type { z } from 'zod';
import type { Quiz } from '../../schemas/quiz.ts';
import { fieldPath } from '../content/problems.ts';
import { readJsonFile } from '../text/read-json.ts';
import { answerProblems } from './answers.ts';
import { ATTEMPT_FORMAT, ATTEMPT_FORMAT_VERSION, attemptSchema, type Attempt } from './attempt.ts';
import { quizHash } from './hash.ts';

/** One thing wrong with an attempt file: the field ('' for the whole file) and why, in Chinese. */
export interface AttemptProblem {
  field: string;
  message: string;
}

export type ParsedAttempt = { ok: true; attempt: Attempt } | { ok: false; problems: AttemptProblem[] };

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: 'JSON 对象',
  array: '列表',
  null: 'null',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return 'JSON 对象';
  return `${typeof value === 'string' ? '字符串' : typeof value === 'number' ? '数字' : typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function zodMessage(issue: z.core.$ZodIssue, raw: unknown): string {
  const value = valueAt(raw, issue.path);
  if (value === undefined) return '缺少此字段';
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPE_ZH[issue.expected] ?? issue.expected}，实际是${describe(value)}`;
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => JSON.stringify(v)).join(' 或 ')}，实际是 ${JSON.stringify(value)}`;
    case 'too_small':
      return `不能小于 ${String(issue.minimum)}（实际是 ${JSON.stringify(value)}）`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}（实际是 ${JSON.stringify(value)}）`;
    case 'invalid_union':
      return '答案格式不对：应是字符串、数字、true/false、字符串列表或 null';
    default:
      return issue.message;
  }
}

const fail = (...problems: AttemptProblem[]): ParsedAttempt => ({ ok: false, problems });

/** Parses and checks `text` as an attempt at `quiz`. */
export function parseAttempt(text: string, quiz: Quiz): ParsedAttempt {
  const read = readJsonFile(text);
  if (!read.ok) {
    if (read.empty) return fail({ field: '', message: '文件是空的' });
    if (read.truncated) {
      return fail({ field: '', message: '文件不完整：JSON 在结尾处中断（文件可能在下载或复制时被截断），请重新导出答题记录' });
    }
    return fail({ field: '', message: `不是有效的 JSON 文件（${read.detail}）` });
  }
  const raw = read.value;

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail({ field: '', message: `不是测验答题文件：内容应是一个 JSON 对象，实际是${describe(raw)}` });
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== ATTEMPT_FORMAT) {
    const got = obj.format === undefined ? '缺少 format 字段' : `format 是 ${JSON.stringify(obj.format)}`;
    return fail({ field: 'format', message: `不是测验答题文件：${got}，应为 “${ATTEMPT_FORMAT}”` });
  }
  if (obj.formatVersion !== undefined && obj.formatVersion !== ATTEMPT_FORMAT_VERSION) {
    return fail({
      field: 'formatVersion',
      message: `答题文件格式版本 ${JSON.stringify(obj.formatVersion)} 不受支持（只支持版本 ${ATTEMPT_FORMAT_VERSION}）`,
    });
  }

  const parsed = attemptSchema.safeParse(raw);
  if (!parsed.success) {
    return fail(...parsed.error.issues.map((issue) => ({ field: fieldPath(issue.path), message: zodMessage(issue, raw) })));
  }
  const attempt = parsed.data;

  if (attempt.quiz !== quiz.id) {
    return fail({ field: 'quiz', message: `这份答题记录属于测验 “${attempt.quiz}”，不是 “${quiz.id}”` });
  }
  if (attempt.quizVersion !== quiz.version) {
    return fail({
      field: 'quizVersion',
      message: `答题记录是按测验 “${quiz.id}” 第 ${attempt.quizVersion} 版作答的，当前是第 ${quiz.version} 版，题目已改动，不能按新版评分`,
    });
  }
  const hash = quizHash(quiz);
  if (attempt.quizHash !== hash) {
    return fail({
      field: 'quizHash',
      message: `quizHash “${attempt.quizHash}” 与当前测验内容（“${hash}”）不一致：测验内容改过但版本号没变，或答题文件被改动过`,
    });
  }

  const problems: AttemptProblem[] = [];
  if (attempt.finishedAt && Date.parse(attempt.finishedAt) < Date.parse(attempt.startedAt)) {
    problems.push({ field: 'finishedAt', message: '交卷时间早于开始时间' });
  }
  const questions = new Map(quiz.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(attempt.answers)) {
    const question = questions.get(id);
    if (!question) {
      problems.push({ field: `answers.${id}`, message: `测验 “${quiz.id}” 中没有题目 “${id}”` });
      continue;
    }
    for (const message of answerProblems(question, value)) problems.push({ field: `answers.${id}`, message });
  }
  return problems.length ? fail(...problems) : { ok: true, attempt };
}

/** The problems as lines for a terminal, each prefixed with the file name. */
export function formatAttemptProblems(file: string, problems: readonly AttemptProblem[]): string {
  return problems.map((p) => `${file}${p.field ? ` → ${p.field}` : ''}: ${p.message}`).join('\n');
}
