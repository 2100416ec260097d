/**
 * The CSV exports: a trainee's result file as a table (我的培训), and the dashboard's trainee
 * table and failure rates. All go through toCsv (formula-injection safe, BOM for Excel).
 */
import type { Assignment } from './assignment.ts';
import { toCsv } from './csv.ts';
import type { QuestionRate, StandardRate, TraineeRow } from './aggregate.ts';
import { finishedLate, type ResultFile } from './result-file.ts';

/** Local time "YYYY-MM-DD HH:mm:ss" (the device's time zone), '' for a missing time. */
export function localTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const seconds = (start: string, end: string | undefined) =>
  end ? Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000)) : null;
const yesNo = (b: boolean | undefined) => (b === undefined ? '' : b ? '是' : '否');
/** A rate 0–1 as a percent with one decimal. */
const percent1 = (rate: number) => Math.round(rate * 1000) / 10;

/** What a result-file row shows of a quiz attempt or a chat; `score` is the quiz's percent or the chat's score, undefined until finished. */
interface AttemptCells {
  kind: 'quiz' | 'chat';
  id: string;
  version: number;
  startedAt: string;
  finishedAt: string | undefined;
  score: number | undefined;
  grade: string | undefined;
}

/** One row per attempt in a result file (the trainee's own scores, as recorded on the device). */
export function resultFileCsv(file: ResultFile, assignment: Assignment, titleOf: (kind: 'quiz' | 'chat', id: string) => string): string {
  const header = [
    '姓名',
    '培训组',
    '任务编号',
    '类型',
    '内容',
    '内容 id',
    '版本',
    '开始时间',
    '完成时间',
    '用时（秒）',
    '得分',
    '等级',
    '达到及格线',
    '逾期',
  ];
  const row = (x: AttemptCells) => [
    file.trainee.name,
    assignment.group,
    assignment.id,
    x.kind === 'quiz' ? '测验' : '模拟对话',
    titleOf(x.kind, x.id),
    x.id,
    x.version,
    localTime(x.startedAt),
    localTime(x.finishedAt),
    seconds(x.startedAt, x.finishedAt),
    x.score ?? null,
    x.grade ?? '',
    x.score === undefined ? '' : yesNo(x.score >= assignment.passMark),
    yesNo(finishedLate(assignment, x.finishedAt)),
  ];
  const rows = [
    ...file.quizAttempts.map((x) =>
      row({
        kind: 'quiz',
        id: x.quiz,
        version: x.quizVersion,
        startedAt: x.startedAt,
        finishedAt: x.finishedAt,
        score: x.result?.percent,
        grade: x.result?.grade,
      }),
    ),
    ...file.chats.map((x) =>
      row({
        kind: 'chat',
        id: x.scenario,
        version: x.scenarioVersion,
        startedAt: x.startedAt,
        finishedAt: x.finishedAt,
        score: x.result?.score,
        grade: x.result?.grade,
      }),
    ),
  ];
  return toCsv(header, rows);
}

/** The dashboard's trainee table. */
export function traineeRowsCsv(rows: readonly TraineeRow[]): string {
  const header = [
    '学员',
    '培训组',
    '任务编号',
    '截止日期',
    '及格线',
    '布置',
    '完成',
    '成绩',
    '等级',
    '通过',
    '逾期',
    '需核对',
    '核对说明',
    '结果文件',
  ];
  return toCsv(
    header,
    rows.map((r) => [
      r.name,
      r.group,
      r.assignment.id,
      r.assignment.due,
      r.assignment.passMark,
      r.assigned,
      r.done,
      r.score,
      r.grade,
      yesNo(r.passed),
      yesNo(r.late),
      yesNo(r.flagged),
      r.flags.map((f) => f.message).join('；'),
      r.files.join('；'),
    ]),
  );
}

export function questionRatesCsv(rates: readonly QuestionRate[]): string {
  return toCsv(
    ['测验', '测验 id', '题目 id', '题目', '作答人次', '答错人次', '错误率（%）'],
    rates.map((r) => [r.quizTitle, r.quiz, r.question, r.prompt, r.attempts, r.failed, percent1(r.rate)]),
  );
}

export function standardRatesCsv(rates: readonly StandardRate[]): string {
  return toCsv(
    ['标准', '标准 id', '考查次数', '未达标次数', '未达标率（%）', '来自测验', '来自模拟对话'],
    rates.map((r) => [r.name, r.standard, r.observations, r.failed, percent1(r.rate), r.fromQuiz, r.fromChat]),
  );
}
