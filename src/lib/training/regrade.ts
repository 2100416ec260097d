/**
 * Re-grading of result files (the dashboard and `sop regrade` run this same code):
 *
 * 1. importResultFiles(): each file is size-checked, parsed (result-file.ts), its assignment code
 *    decoded and verified; a file that fails any of these is refused with messages naming the file,
 *    and a file identical to one already imported is refused too. Nothing already imported changes.
 * 2. regradeImports(): every quiz attempt is graded again from its raw answers with gradeAttempt,
 *    every chat played again from its replies with scoreChat, using the current content. The
 *    stored results in the file are only compared: a difference is flagged (`score-mismatch`), so
 *    an edited file cannot pass itself off. Attempts made against other content (version or hash)
 *    are flagged and not counted; the same attempt seen twice is counted once (`duplicate`), or
 *    flagged on both sides when the two copies differ (`conflict`).
 */
import type { Quiz } from '../../schemas/quiz.ts';
import { gradeFor, type Grade } from '../grade-bands.ts';
import { scoreChat } from '../chat/score.ts';
import { canonicalJson, fnv1a32 } from '../quiz/hash.ts';
import { gradeAttempt } from '../quiz/grade-attempt.ts';
import { parseAttempt } from '../quiz/parse-attempt.ts';
import type { Attempt } from '../quiz/attempt.ts';
import { decodeAssignment, isLate, itemKey, sameAssignment, type Assignment, type ItemKind } from './assignment.ts';
import { versionKey, type GradingContext } from './grading.ts';
import { MAX_RESULT_FILE_BYTES, parseResultFile, windowStart, type ChatEntry, type FileProblem, type ResultFile } from './result-file.ts';

export type FlagCode =
  | 'score-mismatch'
  | 'other-version'
  | 'unknown-item'
  | 'not-assigned'
  | 'invalid-answers'
  | 'duplicate'
  | 'conflict'
  | 'time-order'
  | 'outside-window'
  | 'site-version'
  | 'assignment-edited'
  | 'foreign-assignment'
  | 'practice'
  | 'copy'
  | 'shared-device'
  | 'older-version'
  | 'rescored'
  | 'unfinished';

/** Flags that mean "do not trust this without a look" (shown in red). */
export const TRUST_FLAGS: ReadonlySet<FlagCode> = new Set([
  'score-mismatch',
  'conflict',
  'assignment-edited',
  'invalid-answers',
  'time-order',
  'foreign-assignment',
  'copy',
  'shared-device',
]);

export interface Flag {
  code: FlagCode;
  /** Chinese, names the item and the numbers. */
  message: string;
}

/** Per question of a re-graded quiz attempt (for failure rates). */
export interface QuestionOutcome {
  id: string;
  correct: boolean;
  /** Standards the question tests (its `standards`). */
  standards: string[];
  /** Role-plays: standards honoured / broken along the trainee's path. */
  honoured: string[];
  broken: string[];
}

export interface RegradedItem {
  /** Unique key of the attempt: quiz:<id>:<startedAt>:<seed> or chat:<id>:<startedAt>. */
  key: string;
  kind: ItemKind;
  itemId: string;
  title: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  /** Re-graded percent (0-100), when it could be graded. */
  score?: number;
  grade?: Grade;
  /** Score ≥ the assignment's pass mark. */
  passed?: boolean;
  /** What the file said (informative). */
  stored?: { score: number; grade: string };
  late: boolean;
  /** Counted in the trainee's results (graded, finished, assigned, in the window, not a duplicate). */
  counted: boolean;
  flags: Flag[];
  questions?: QuestionOutcome[];
  /** Chat: standards judged and whether all their findings passed. */
  standards?: Array<{ id: string; passed: boolean }>;
  /** Chat: the ending's kind. */
  ending?: string;
  /** Practice or exam, when the file says (files from before exam mode may not). */
  mode?: 'practice' | 'exam';
  /** Chat: how many times the trainee opened the hint. */
  hintsUsed?: number;
}

export interface RegradedFile {
  /** Import id (hash of the file text). */
  id: string;
  fileName: string;
  trainee: { name: string; device: string };
  assignment: Assignment;
  siteVersion: string;
  exportedAt: string;
  flags: Flag[];
  items: RegradedItem[];
}

/** A file as the dashboard keeps it: the raw parsed file, never a computed score. */
export interface StoredImport {
  /** FNV-1a of the file text, 8 hex + size: identical files get the same id. */
  id: string;
  fileName: string;
  size: number;
  importedAt: string;
  file: ResultFile;
}

export interface ImportMessage {
  file: string;
  level: 'error' | 'warning' | 'info';
  text: string;
}

export interface ImportInput {
  name: string;
  size: number;
  /** The text, when it was read (files over the limit are not read). */
  text?: string;
  /** Why it could not be read. */
  readError?: string;
}

export const SCORE_TOLERANCE = 0.05;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The import id of a file's text. */
export function importId(text: string): string {
  return `${fnv1a32(text).toString(16).padStart(8, '0')}-${text.length.toString(36)}`;
}

/**
 * Checks and accepts files. `existing` are the imports already on the dashboard (untouched).
 * Returns the newly accepted imports (in input order) and a message per problem, naming the file.
 */
export function importResultFiles(
  inputs: readonly ImportInput[],
  existing: readonly StoredImport[],
  options: { now?: Date; knownAssignments?: readonly Assignment[] } = {},
): { accepted: StoredImport[]; messages: ImportMessage[] } {
  const now = options.now ?? new Date();
  const accepted: StoredImport[] = [];
  const messages: ImportMessage[] = [];
  const seen = new Map(existing.map((e) => [e.id, e.fileName]));
  for (const input of inputs) {
    const error = (text: string) => messages.push({ file: input.name, level: 'error', text });
    try {
      checkOne(input, error);
    } catch (err) {
      // Whatever a file holds (absurd numbers, deep nesting …), it gets its own verdict and the
      // other files are still imported.
      error(`文件内容无法处理，没有导入：${err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200)}`);
    }
  }
  return { accepted, messages };

  function checkOne(input: ImportInput, error: (text: string) => void): void {
    if (input.size > MAX_RESULT_FILE_BYTES) {
      error(`文件过大（${mb(input.size)}），没有读取。培训结果文件通常只有几十 KB，最大 ${mb(MAX_RESULT_FILE_BYTES)}：请确认选对了文件`);
      return;
    }
    if (input.readError !== undefined || input.text === undefined) {
      error(`无法读取文件：${input.readError ?? '未知错误'}`);
      return;
    }
    const parsed = parseResultFile(input.text);
    if (!parsed.ok) {
      for (const p of parsed.problems) error(fieldMessage(p));
      return;
    }
    const decoded = decodeAssignment(parsed.file.assignment.code);
    if (!decoded.ok) {
      error(`文件里的培训任务链接无效，无法确认布置的内容：${decoded.message}`);
      return;
    }
    const id = importId(input.text);
    const before = seen.get(id);
    if (before !== undefined) {
      messages.push({ file: input.name, level: 'warning', text: `这个文件已经导入过（与 “${before}” 内容相同），没有重复导入` });
      return;
    }
    seen.set(id, input.name);
    accepted.push({ id, fileName: input.name, size: input.size, importedAt: now.toISOString(), file: parsed.file });
  }
}

/**
 * Checks an import read back from the device (a record damaged by another program, or written by
 * a newer site version, must not break the dashboard): null when it is usable, else why not.
 */
export function storedImportProblem(raw: unknown): string | null {
  const imp = raw as Partial<StoredImport> | null;
  if (
    !imp ||
    typeof imp !== 'object' ||
    typeof imp.id !== 'string' ||
    typeof imp.fileName !== 'string' ||
    typeof imp.importedAt !== 'string'
  ) {
    return '本设备上有一条无法识别的导入记录，已跳过';
  }
  const parsed = parseResultFile(JSON.stringify(imp.file ?? null));
  if (!parsed.ok) return `之前导入的文件记录已损坏，已跳过：${fieldMessage(parsed.problems[0]!)}`;
  const decoded = decodeAssignment(parsed.file.assignment.code);
  return decoded.ok ? null : `之前导入的文件记录里的任务链接无效，已跳过：${decoded.message}`;
}

function fieldMessage(p: FileProblem): string {
  return p.field ? `${p.field}：${p.message}` : p.message;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function duration(startedAt: string, finishedAt: string | undefined): number | undefined {
  if (!finishedAt) return undefined;
  const d = Date.parse(finishedAt) - Date.parse(startedAt);
  return Number.isFinite(d) && d >= 0 ? d : undefined;
}

function questionOutcomes(quiz: Quiz, result: ReturnType<typeof gradeAttempt>): QuestionOutcome[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  return result.questions.map((r) => {
    const q = byId.get(r.id);
    const honoured = r.type === 'roleplay' ? r.honoured : [];
    const broken = r.type === 'roleplay' ? r.broken : [];
    return { id: r.id, correct: r.correct, standards: [...(q?.standards ?? [])], honoured, broken };
  });
}

const fingerprint = (value: unknown) => fnv1a32(canonicalJson(value));

function regradeQuiz(attempt: Attempt, a: Assignment, ctx: GradingContext, file: ResultFile, assigned: Set<string>): RegradedItem {
  const current = ctx.quizzes.get(attempt.quiz);
  // Graded against the version it was taken on: the current one or an archived one.
  const taken = ctx.quizVersions.get(versionKey(attempt.quiz, attempt.quizVersion, attempt.quizHash));
  const quiz = taken ?? current;
  const item: RegradedItem = {
    key: `quiz:${attempt.quiz}:${attempt.startedAt}:${attempt.seed}`,
    kind: 'quiz',
    itemId: attempt.quiz,
    title: quiz?.title ?? attempt.quiz,
    startedAt: attempt.startedAt,
    ...(attempt.finishedAt ? { finishedAt: attempt.finishedAt } : {}),
    late: isLate(a, attempt.finishedAt ?? ''),
    counted: false,
    flags: [],
    mode: attempt.mode,
  };
  const d = duration(attempt.startedAt, attempt.finishedAt);
  if (d !== undefined) item.durationMs = d;
  if (attempt.result) item.stored = { score: attempt.result.percent, grade: attempt.result.grade };
  const flag = (code: FlagCode, message: string) => item.flags.push({ code, message });
  const name = `测验 “${item.title}”`;
  checkMode(item, a, flag, name);

  if (!quiz) {
    flag('unknown-item', `网站上没有测验 “${attempt.quiz}”，无法评分`);
    return item;
  }
  if (!taken) {
    flag(
      'other-version',
      attempt.quizVersion !== quiz.version
        ? `${name}按第 ${attempt.quizVersion} 版作答，网站现在是第 ${quiz.version} 版，题目不同，无法重新评分`
        : `${name}的内容指纹 ${attempt.quizHash} 与网站当前内容（${ctx.quizHashes.get(quiz.id)}）不同，无法重新评分`,
    );
    return item;
  }
  if (current && taken !== current)
    flag('older-version', `${name}按第 ${taken.version} 版作答，按那一版的题目和答案评分（网站现在是第 ${current.version} 版）`);
  const check = parseAttempt(JSON.stringify(attempt), quiz);
  // Time order is checked (and named) by checkTimes.
  const answerProblems = check.ok ? [] : check.problems.filter((p) => p.field !== 'finishedAt');
  if (answerProblems.length) {
    flag(
      'invalid-answers',
      `${name}的答案有误（文件可能被改动过）：${answerProblems
        .slice(0, 3)
        .map((p) => `${p.field} ${p.message}`)
        .join('；')}`,
    );
  }
  const result = gradeAttempt(quiz, attempt);
  item.score = result.percent;
  item.grade = result.grade;
  item.passed = result.percent >= a.passMark;
  item.questions = questionOutcomes(quiz, result);
  if (attempt.result) {
    const s = attempt.result;
    if (
      Math.abs(s.percent - result.percent) > SCORE_TOLERANCE ||
      Math.abs(s.score - result.score) > SCORE_TOLERANCE ||
      s.grade !== result.grade ||
      s.passed !== result.passed
    ) {
      flag(
        'score-mismatch',
        `${name}：文件里记录的成绩是 ${s.percent}%（${s.grade}），按答案重新评分是 ${result.percent}%（${result.grade}）`,
      );
    }
  }
  checkTimes(item, file, a, assigned, flag, name);
  return item;
}

function regradeChat(chat: ChatEntry, a: Assignment, ctx: GradingContext, file: ResultFile, assigned: Set<string>): RegradedItem {
  const current = ctx.scenarios.get(chat.scenario);
  const taken = ctx.scenarioVersions.get(versionKey(chat.scenario, chat.scenarioVersion, chat.scenarioHash));
  const scenario = taken ?? current;
  const item: RegradedItem = {
    key: `chat:${chat.scenario}:${chat.startedAt}`,
    kind: 'chat',
    itemId: chat.scenario,
    title: scenario?.title ?? chat.scenario,
    startedAt: chat.startedAt,
    ...(chat.finishedAt ? { finishedAt: chat.finishedAt } : {}),
    late: isLate(a, chat.finishedAt ?? ''),
    counted: false,
    flags: [],
    ...(chat.mode ? { mode: chat.mode } : {}),
    ...(chat.hintsUsed !== undefined ? { hintsUsed: chat.hintsUsed } : {}),
  };
  const d = duration(chat.startedAt, chat.finishedAt);
  if (d !== undefined) item.durationMs = d;
  if (chat.result) item.stored = { score: chat.result.score, grade: chat.result.grade };
  const flag = (code: FlagCode, message: string) => item.flags.push({ code, message });
  const name = `模拟对话 “${item.title}”`;
  checkMode(item, a, flag, name);

  if (!scenario) {
    flag('unknown-item', `网站上没有模拟对话场景 “${chat.scenario}”，无法评分`);
    return item;
  }
  const hash = ctx.scenarioHashes.get(scenario.id);
  if (!taken) {
    flag(
      'other-version',
      chat.scenarioVersion !== scenario.version
        ? `${name}按第 ${chat.scenarioVersion} 版练习，网站现在是第 ${scenario.version} 版，无法重新评分`
        : `${name}的内容指纹 ${chat.scenarioHash} 与网站当前内容（${hash}）不同，无法重新评分`,
    );
    return item;
  }
  if (current && taken !== current)
    flag('older-version', `${name}按第 ${taken.version} 版练习，按那一版的场景评分（网站现在是第 ${current.version} 版）`);
  const report = scoreChat(scenario, chat.replies, ctx.rules);
  item.score = report.score;
  item.grade = report.grade;
  item.passed = report.score >= a.passMark;
  item.ending = report.ending.kind;
  const byStandard = new Map<string, boolean>();
  for (const f of report.findings) {
    if (!f.standard) continue;
    byStandard.set(f.standard, (byStandard.get(f.standard) ?? true) && f.passed);
  }
  item.standards = [...byStandard].map(([id, passed]) => ({ id, passed }));
  if (chat.result && (Math.abs(chat.result.score - report.score) > SCORE_TOLERANCE || chat.result.grade !== report.grade)) {
    // The chat scorer improves between site versions: a file from an earlier site version with an
    // honest score is re-scored with a note, not flagged. Within one site version the same replies
    // always give the same score, so a difference there means the file was edited.
    if (file.siteVersion !== ctx.siteVersion)
      flag(
        'rescored',
        `${name}：记录的得分 ${chat.result.score}（${chat.result.grade}），按现在的评分规则重新评分为 ${report.score}（${report.grade}），以重新评分为准`,
      );
    else
      flag(
        'score-mismatch',
        `${name}：文件里记录的得分是 ${chat.result.score}（${chat.result.grade}），按回复重新评分是 ${report.score}（${report.grade}）`,
      );
  }
  checkTimes(item, file, a, assigned, flag, name);
  return item;
}

function checkTimes(
  item: RegradedItem,
  file: ResultFile,
  a: Assignment,
  assigned: Set<string>,
  flag: (c: FlagCode, m: string) => void,
  name: string,
) {
  if (!assigned.has(itemKey({ kind: item.kind, id: item.itemId }))) flag('not-assigned', `${name}不在这个培训任务里，不计入成绩`);
  if (!item.finishedAt) flag('unfinished', `${name}还没有完成，不计入成绩`);
  const start = Date.parse(item.startedAt);
  const exported = Date.parse(file.exportedAt);
  if (item.finishedAt && Date.parse(item.finishedAt) < start)
    flag('time-order', `${name}的完成时间早于开始时间（设备时间被改过或文件被改动）`);
  if (start > exported + 5 * 60_000) flag('time-order', `${name}的开始时间晚于文件导出时间（设备时间被改过或文件被改动）`);
  if (start < windowStart(a)) flag('outside-window', `${name}是在培训任务布置之前做的，不计入成绩`);
}

/** Exam mode required: a practice attempt (answers shown after each question, hints) never counts. */
function checkMode(item: RegradedItem, a: Assignment, flag: (c: FlagCode, m: string) => void, name: string) {
  if (a.examOnly && item.mode !== 'exam')
    flag(
      'practice',
      item.mode === 'practice' ? `${name}是练习模式的作答，本任务只计考试模式的成绩` : `${name}没有记录作答模式，本任务只计考试模式的成绩`,
    );
}

const COUNT_BLOCKERS: ReadonlySet<FlagCode> = new Set([
  'practice',
  'copy',
  'other-version',
  'unknown-item',
  'not-assigned',
  'unfinished',
  'outside-window',
  'duplicate',
  'conflict',
]);

function regradeOne(imp: StoredImport, ctx: GradingContext, knownAssignments: readonly Assignment[] | undefined): RegradedFile {
  const file = imp.file;
  const decoded = decodeAssignment(file.assignment.code);
  // importResultFiles only accepts files whose code decodes; stored imports were accepted.
  if (!decoded.ok) throw new Error(`${imp.fileName}: ${decoded.message}`);
  const a = decoded.assignment;
  const flags: Flag[] = [];
  const copy = file.assignment;
  const diffs: string[] = [];
  if (copy.id !== a.id) diffs.push(`任务编号 ${copy.id} ≠ ${a.id}`);
  if (copy.group !== a.group) diffs.push(`培训组 “${copy.group}” ≠ “${a.group}”`);
  if (copy.due !== a.due) diffs.push(`截止日期 ${copy.due} ≠ ${a.due}`);
  if (copy.passMark !== a.passMark) diffs.push(`及格线 ${copy.passMark} ≠ ${a.passMark}`);
  if (diffs.length)
    flags.push({ code: 'assignment-edited', message: `文件里的任务信息与任务链接不一致（${diffs.join('，')}），按链接里的任务计算` });
  // Only the trainer's own assignments count, compared by content (pass mark, items, dates, names,
  // LRS), not just by id: anyone can build a link with a valid checksum.
  const known = knownAssignments?.find((k) => k.id === a.id);
  if (known && !sameAssignment(known, a)) {
    flags.push({
      code: 'assignment-edited',
      message: `任务 “${a.group}” 与本设备上布置的同编号任务内容不同（${assignmentDiff(known, a).join('，')}），链接被改过，不计入成绩`,
    });
  } else if (knownAssignments && !known) {
    flags.push({
      code: 'foreign-assignment',
      message: `任务 “${a.group}”（${a.id}）不是在本设备上布置或导入的任务，不计入成绩；如果是你布置的，请先导入这个任务`,
    });
  }
  if (file.siteVersion !== ctx.siteVersion) {
    flags.push({
      code: 'site-version',
      message: `文件来自另一个网站版本（文件 ${file.siteVersion}，当前 ${ctx.siteVersion}）：每次作答按它当时的题目版本重新评分`,
    });
  }
  const assigned = new Set(a.items.map(itemKey));
  const items = [
    ...file.quizAttempts.map((x) => regradeQuiz(x, a, ctx, file, assigned)),
    ...file.chats.map((x) => regradeChat(x, a, ctx, file, assigned)),
  ];
  return {
    id: imp.id,
    fileName: imp.fileName,
    trainee: file.trainee,
    assignment: a,
    siteVersion: file.siteVersion,
    exportedAt: file.exportedAt,
    flags,
    items,
  };
}

/**
 * Re-grades every import (in order) and marks duplicates across and within files: the first copy
 * of an attempt counts; a later identical copy is a `duplicate`; differing copies are a `conflict`
 * on both (neither counts until the trainer removes one).
 */
export function regradeImports(
  imports: readonly StoredImport[],
  ctx: GradingContext,
  options: {
    /**
     * The trainer's own assignments (built or imported on the device, or given to the CLI with
     * --assignment). When given, a file for any other assignment is flagged and not counted.
     */
    knownAssignments?: readonly Assignment[];
    /** Copy/shared-device flags the trainer has looked at and accepted (keys from clearKey). */
    cleared?: ReadonlySet<string>;
  } = {},
): RegradedFile[] {
  const files = imports.map((imp) => regradeOne(imp, ctx, options.knownAssignments));
  const first = new Map<string, { item: RegradedItem; file: RegradedFile; print: number; play: number }>();
  files.forEach((f, fi) => {
    const raws: unknown[] = [...imports[fi]!.file.quizAttempts, ...imports[fi]!.file.chats];
    f.items.forEach((item, ii) => {
      // The same attempt by the same trainee for the same assignment.
      const key = `${f.assignment.id}|${f.trainee.name}|${item.key}`;
      const raw = raws[ii] as Record<string, unknown>;
      const print = fingerprint(raw);
      const play = fingerprint({ ...raw, result: undefined });
      const before = first.get(key);
      if (!before) {
        first.set(key, { item, file: f, print, play });
        return;
      }
      const where = before.file === f ? '本文件中前面' : `文件 “${before.file.fileName}”`;
      if (before.print === print) {
        item.flags.push({ code: 'duplicate', message: `与${where}的同一次作答重复，只计一次` });
        return;
      }
      const detail = before.play === play ? '记录的成绩不同' : '答案或时间不同';
      item.flags.push({ code: 'conflict', message: `与${where}的同一次作答内容不一致（${detail}），两份都不计入，请核对` });
      if (!before.item.flags.some((x) => x.code === 'conflict')) {
        const there = before.file === f ? '本文件中后面' : `文件 “${f.fileName}”`;
        before.item.flags.push({ code: 'conflict', message: `与${there}的同一次作答内容不一致（${detail}），两份都不计入，请核对` });
      }
    });
  });
  flagCopies(files, imports);
  const cleared = options.cleared ?? new Set<string>();
  for (const f of files) {
    const fileBlocked = f.flags.some((x) => FILE_BLOCKERS.has(x.code) && !cleared.has(clearKey(f, x.code)));
    for (const item of f.items)
      item.counted =
        !fileBlocked &&
        item.score !== undefined &&
        !item.flags.some((x) => COUNT_BLOCKERS.has(x.code) && !(CLEARABLE.has(x.code) && cleared.has(clearKey(f, x.code, item))));
  }
  return files;
}

/** Messages for the flags of regraded files (for the import report and the CLI). */
export function flagMessages(files: readonly RegradedFile[]): ImportMessage[] {
  const out: ImportMessage[] = [];
  for (const f of files) {
    for (const flag of f.flags)
      out.push({ file: f.fileName, level: flag.code === 'site-version' ? 'info' : 'warning', text: flag.message });
    for (const item of f.items) {
      for (const flag of item.flags) {
        if (flag.code === 'unfinished') continue;
        out.push({
          file: f.fileName,
          level: TRUST_FLAGS.has(flag.code) || flag.code === 'conflict' ? 'warning' : 'info',
          text: flag.message,
        });
      }
    }
  }
  return out;
}

/** The grade of a percent, re-exported for the views. */
export const gradeOf = (percent: number): Grade => gradeFor(round1(percent));

/** File-level flags that keep every item of the file from counting. */
const FILE_BLOCKERS: ReadonlySet<FlagCode> = new Set(['assignment-edited', 'foreign-assignment', 'shared-device']);
/** Flags a trainer may clear after a look (two trainees on one phone; a copy explained). */
const CLEARABLE: ReadonlySet<FlagCode> = new Set(['copy', 'shared-device']);

/** The key under which a trainer's decision to accept a copy or shared-device flag is kept. */
export function clearKey(f: Pick<RegradedFile, 'assignment' | 'trainee'>, code: FlagCode, item?: Pick<RegradedItem, 'key'>): string {
  return `${code}|${f.assignment.id}|${f.trainee.name}|${code === 'shared-device' ? f.trainee.device : (item?.key ?? '')}`;
}

/** What differs between two assignments with the same id, in words. */
export function assignmentDiff(a: Assignment, b: Assignment): string[] {
  const out: string[] = [];
  if (a.passMark !== b.passMark) out.push(`及格线 ${a.passMark} → ${b.passMark}`);
  if (a.group !== b.group) out.push(`培训组 “${a.group}” → “${b.group}”`);
  if (a.due !== b.due || a.tz !== b.tz) out.push(`截止日期 ${a.due} → ${b.due}`);
  if (a.createdAt !== b.createdAt) out.push(`创建时间 ${a.createdAt} → ${b.createdAt}`);
  const items = (x: Assignment) => x.items.map((i) => `${i.kind}:${i.id}@${i.version}`).join(',');
  if (items(a) !== items(b)) out.push('布置的内容不同');
  if (a.trainees.join('、') !== b.trainees.join('、')) out.push('学员名单不同');
  if ((a.trainer ?? '') !== (b.trainer ?? '')) out.push('带教老师不同');
  if (JSON.stringify(a.lrs ?? null) !== JSON.stringify(b.lrs ?? null)) out.push('学习记录服务器不同');
  if (Boolean(a.examOnly) !== Boolean(b.examOnly)) out.push(b.examOnly ? '改成了只计考试模式' : '去掉了只计考试模式');
  if ((a.note ?? '') !== (b.note ?? '')) out.push('说明不同');
  return out.length ? out : ['内容不同'];
}

/**
 * Copies: the same attempt (same quiz seed, start time and answers; the same chat replies and
 * timings) under two trainee names, and one device under two names of the same assignment. Both
 * sides are flagged and do not count until the trainer clears them.
 */
function flagCopies(files: RegradedFile[], imports: readonly StoredImport[]): void {
  const byPlay = new Map<string, Array<{ item: RegradedItem; file: RegradedFile }>>();
  files.forEach((f, fi) => {
    const raws: unknown[] = [...imports[fi]!.file.quizAttempts, ...imports[fi]!.file.chats];
    f.items.forEach((item, ii) => {
      const raw = raws[ii] as Record<string, unknown>;
      const play = `${f.assignment.id}|${item.key}|${fingerprint({ ...raw, result: undefined })}`;
      byPlay.set(play, [...(byPlay.get(play) ?? []), { item, file: f }]);
    });
  });
  for (const group of byPlay.values()) {
    const names = [...new Set(group.map((g) => g.file.trainee.name))];
    if (names.length < 2) continue;
    for (const { item, file } of group) {
      const others = names.filter((n) => n !== file.trainee.name).join('、');
      item.flags.push({
        code: 'copy',
        message: `与学员 “${others}” 的作答完全相同（同样的开始时间、题目顺序和答案），疑似复制，核对前不计入`,
      });
    }
  }
  const byDevice = new Map<string, Set<string>>();
  for (const f of files) {
    const k = `${f.assignment.id}|${f.trainee.device}`;
    byDevice.set(k, (byDevice.get(k) ?? new Set()).add(f.trainee.name));
  }
  for (const f of files) {
    const names = byDevice.get(`${f.assignment.id}|${f.trainee.device}`)!;
    if (names.size < 2) continue;
    const others = [...names].filter((n) => n !== f.trainee.name).join('、');
    f.flags.push({ code: 'shared-device', message: `同一台设备上还以 “${others}” 的名字交过这个任务的成绩，核对前不计入` });
  }
}
