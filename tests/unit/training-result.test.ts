/**
 * The result file (src/lib/training/result-file.ts), re-grading (regrade.ts), the dashboard's
 * numbers (aggregate.ts) and the CSV exports (csv.ts, exports.ts), with the project's own quizzes
 * and scenarios graded by the real engines. Covers every kind of bad input from the issue: not
 * JSON, truncated, another site version, edited scores, duplicated attempts, a 50 MB file, HTML in
 * every string.
 */
import { describe, expect, it } from 'vitest';
import {
  parseResultFile,
  resultFileName,
  MAX_RESULT_FILE_BYTES,
  selectForAssignment,
  type ResultFile,
} from '../../src/lib/training/result-file.ts';
import { importResultFiles, regradeImports, flagMessages, storedImportProblem, type StoredImport } from '../../src/lib/training/regrade.ts';
import { filterRows, questionRates, standardRates, traineeRows } from '../../src/lib/training/aggregate.ts';
import { csvCell, toCsv } from '../../src/lib/training/csv.ts';
import { questionRatesCsv, resultFileCsv, traineeRowsCsv } from '../../src/lib/training/exports.ts';
import { encodeAssignment } from '../../src/lib/training/assignment.ts';
import { grading, makeAssignment, makeAttempt, makeChat, makeFile, quiz, scenario, text, T0 } from './training-helpers.ts';
import { rightAnswers } from './quiz-helpers.ts';

const input = (name: string, file: unknown) => {
  const t = typeof file === 'string' ? file : text(file);
  return { name, size: t.length, text: t };
};

function importAndGrade(files: Array<{ name: string; size: number; text?: string }>, existing: StoredImport[] = []) {
  const { ctx } = grading();
  const r = importResultFiles(files, existing);
  return { ...r, graded: regradeImports([...existing, ...r.accepted], ctx) };
}

describe('result file format', () => {
  it('a file built from device records parses back unchanged and is named after who and what', () => {
    const file = makeFile();
    const parsed = parseResultFile(text(file));
    expect(parsed).toEqual({ ok: true, file });
    expect(file.quizAttempts[0]).toMatchObject({
      format: 'sop-quiz-attempt',
      answers: expect.any(Object),
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(file.chats[0]!.replies[0]).toEqual({ text: expect.any(String), afterMs: expect.any(Number) });
    expect(resultFileName(file)).toMatch(/^培训结果-张三-6月第1周新人组-\d{8}-\d{4}\.json$/);
    expect(resultFileName({ ...file, trainee: { ...file.trainee, name: 'a/b:c*?' } }, 'csv')).toMatch(/^培训结果-a_b_c-6月/);
  });

  it('selects the finished attempts of assigned items made after the assignment', () => {
    const a = makeAssignment();
    const attempts = [
      { quiz: 'cancel-order', startedAt: new Date(T0 + 1000).toISOString(), finishedAt: new Date(T0 + 2000).toISOString() },
      { quiz: 'cancel-order', startedAt: new Date(T0 + 3000).toISOString() },
      { quiz: 'cancel-order', startedAt: new Date(T0 - 86_400_000).toISOString(), finishedAt: new Date(T0).toISOString() },
      { quiz: 'daily-schedule', startedAt: new Date(T0 + 1000).toISOString(), finishedAt: new Date(T0 + 2000).toISOString() },
    ];
    expect(selectForAssignment(a, attempts, []).attempts).toEqual([attempts[0]]);
  });

  it('says what is wrong with files that are not result files', () => {
    const msg = (t: string) => {
      const r = parseResultFile(t);
      return r.ok ? '' : r.problems.map((p) => `${p.field} ${p.message}`).join(' | ');
    };
    expect(msg('')).toMatch(/文件是空的/);
    expect(msg('hello')).toMatch(/不是 JSON 文件/);
    expect(msg(text(makeFile()).slice(0, 900))).toMatch(/文件不完整.*截断/);
    expect(msg('学员,成绩\n张三,90\n')).toMatch(/CSV 表格/);
    expect(msg('<html><body>hi</body></html>')).toMatch(/网页或 XML/);
    expect(msg('[1,2]')).toMatch(/应是一个 JSON 对象/);
    expect(msg(text(makeFile().quizAttempts[0]))).toMatch(/单个测验的答题记录/);
    expect(msg(JSON.stringify({ format: 'other' }))).toMatch(/format 是字符串 "other"/);
    expect(msg(JSON.stringify({ ...makeFile(), formatVersion: 2 }))).toMatch(/第 2 版由更新版本的网站导出/);
    const missing = msg(JSON.stringify({ ...makeFile(), trainee: { device: 'abcdef1234' } }));
    expect(missing).toMatch(/trainee\.name 缺少此字段/);
  });

  it('a file with HTML in every string is refused field by field, markup shown as text', () => {
    const poison = '<img src=x onerror="window.__xss=1"><script>alert(1)</script>';
    const deep = (v: unknown): unknown =>
      typeof v === 'string'
        ? poison
        : Array.isArray(v)
          ? v.map(deep)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]))
            : v;
    const r = parseResultFile(JSON.stringify(deep(makeFile())));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toContain('不是培训结果文件');
    // Keep format and version right: every other string is checked.
    const file = deep(makeFile()) as Record<string, unknown>;
    const r2 = parseResultFile(JSON.stringify({ ...file, format: 'sop-training-result', formatVersion: 1 }));
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      const fields = r2.problems.map((p) => p.field);
      expect(fields).toEqual(expect.arrayContaining(['siteVersion', 'exportedAt']));
      expect(r2.problems.length).toBeLessThanOrEqual(9);
    }
  });

  it('refuses markup in the trainee name', () => {
    const f = makeFile();
    const r = parseResultFile(text({ ...f, trainee: { ...f.trainee, name: '<b>张三</b>' } }));
    expect(!r.ok && r.problems[0]).toMatchObject({ field: 'trainee.name', message: expect.stringMatching(/< >/) });
  });
});

describe('import and re-grade', () => {
  it('re-grades from the raw answers and replies; a clean file has no flags', () => {
    const { accepted, messages, graded } = importAndGrade([input('zhang.json', makeFile())]);
    expect(messages).toEqual([]);
    expect(accepted).toHaveLength(1);
    const [f] = graded;
    expect(f!.flags).toEqual([]);
    expect(f!.items.map((i) => [i.kind, i.itemId, i.score, i.counted, i.flags])).toEqual([
      ['quiz', 'cancel-order', 100, true, []],
      ['chat', 'bargain-repeat', expect.any(Number), true, []],
    ]);
  });

  it('an edited score cannot pass itself off: flagged, and the re-graded score counts', () => {
    const q = quiz('cancel-order');
    const wrong = { ...rightAnswers(q) };
    for (const x of q.questions.slice(0, 3)) delete wrong[x.id];
    const attempt = makeAttempt(q, { answers: wrong });
    const real = attempt.result!.percent;
    expect(real).toBeLessThan(80);
    attempt.result = { ...attempt.result!, percent: 95, score: attempt.result!.max * 0.95, grade: 'A', passed: true };
    const chat = makeChat(scenario('bargain-repeat'));
    chat.result = { ...chat.result!, score: 100 - 0.01 > chat.result!.score ? 100 : 99, grade: 'A' };
    const { graded } = importAndGrade([input('edited.json', makeFile({ attempts: [attempt], chats: [chat] }))]);
    const [quizItem, chatItem] = graded[0]!.items;
    expect(quizItem!.score).toBe(real);
    expect(quizItem!.flags.map((f) => f.code)).toEqual(['score-mismatch']);
    expect(quizItem!.flags[0]!.message).toMatch(/95%.*重新评分是/);
    expect(chatItem!.flags.map((f) => f.code)).toEqual(['score-mismatch']);
    const rows = traineeRows(graded, grading().ctx);
    expect(rows[0]!.flagged).toBe(true);
    expect(rows[0]!.passed).toBe(false);
  });

  it('edited answers are re-graded as they are, unknown options are flagged', () => {
    const q = quiz('cancel-order');
    const attempt = makeAttempt(q);
    const single = q.questions.find((x) => x.type === 'single')!;
    attempt.answers[single.id] = 'zz';
    const { graded } = importAndGrade([input('a.json', makeFile({ attempts: [attempt], chats: [] }))]);
    const item = graded[0]!.items[0]!;
    expect(item.score).toBeLessThan(100);
    expect(item.flags.map((f) => f.code)).toContain('invalid-answers');
    expect(item.flags.map((f) => f.code)).toContain('score-mismatch');
  });

  it('a file from another site version: unchanged content is re-graded, changed content is flagged and not counted', () => {
    const attempt = makeAttempt(quiz('cancel-order'));
    const old = { ...attempt, quizVersion: attempt.quizVersion + 1 };
    const chat = { ...makeChat(scenario('bargain-repeat')), scenarioHash: '00000000' };
    const file = { ...makeFile({ attempts: [attempt, { ...old, seed: 7 }], chats: [chat] }), siteVersion: 'deadbeef' };
    const { graded, accepted } = importAndGrade([input('old.json', file)]);
    expect(accepted).toHaveLength(1);
    const f = graded[0]!;
    expect(f.flags.map((x) => x.code)).toEqual(['site-version']);
    expect(f.flags[0]!.message).toMatch(/另一个网站版本（文件 deadbeef/);
    expect(f.items.map((i) => [i.counted, i.flags.map((x) => x.code)])).toEqual([
      [true, []],
      [false, ['other-version']],
      [false, ['other-version']],
    ]);
  });

  it('duplicated attempts count once; copies that differ are a conflict; an identical file is not imported twice', () => {
    const attempt = makeAttempt(quiz('cancel-order'));
    const file = makeFile({ attempts: [attempt, structuredClone(attempt)], chats: [] });
    const first = importAndGrade([input('dup.json', file)]);
    expect(first.graded[0]!.items.map((i) => i.flags.map((f) => f.code))).toEqual([[], ['duplicate']]);
    expect(flagMessages(first.graded).map((m) => m.text)).toEqual([expect.stringMatching(/与本文件中前面的同一次作答重复，只计一次/)]);
    const rows = traineeRows(first.graded, grading().ctx);
    expect(rows[0]!.items[0]!.attempts).toBe(1);

    // The same file again: refused, nothing on the dashboard changes.
    const again = importResultFiles([input('dup-copy.json', file)], first.accepted);
    expect(again.accepted).toEqual([]);
    expect(again.messages).toEqual([
      { file: 'dup-copy.json', level: 'warning', text: expect.stringMatching(/已经导入过（与 “dup.json” 内容相同）/) },
    ]);

    // A later export with the same attempt and one with an edited copy.
    const later = makeFile({ attempts: [attempt], chats: [makeChat(scenario('bargain-repeat'))], exportMs: T0 + 2 * 86_400_000 });
    const edited = structuredClone(attempt);
    edited.result!.percent = 50;
    const other = makeFile({ attempts: [edited], chats: [], exportMs: T0 + 3 * 86_400_000 });
    const all = importAndGrade([input('later.json', later), input('other.json', other)], first.accepted);
    const codes = all.graded.map((f) =>
      f.items.map((i) =>
        i.flags
          .map((x) => x.code)
          .sort()
          .join('+'),
      ),
    );
    expect(codes).toEqual([['conflict', 'duplicate'], ['duplicate', ''], ['conflict+score-mismatch']]);
  });

  it('files over the size limit are refused without being read; unreadable files say why', () => {
    const big = 50 * 1024 * 1024;
    const r = importResultFiles(
      [
        { name: 'huge.json', size: big },
        { name: 'gone.json', size: 10, readError: '文件不存在' },
      ],
      [],
    );
    expect(r.accepted).toEqual([]);
    expect(r.messages).toEqual([
      { file: 'huge.json', level: 'error', text: expect.stringMatching(/文件过大（50\.0 MB），没有读取.*最大 5\.0 MB/) },
      { file: 'gone.json', level: 'error', text: expect.stringMatching(/无法读取文件：文件不存在/) },
    ]);
    expect(MAX_RESULT_FILE_BYTES).toBe(5 * 1024 * 1024);
  });

  it('an edited assignment inside the file is flagged; a broken link code refuses the file', () => {
    const f = makeFile();
    const edited = { ...f, assignment: { ...f.assignment, passMark: 60 } };
    const { graded } = importAndGrade([input('pm.json', edited)]);
    expect(graded[0]!.flags).toEqual([{ code: 'assignment-edited', message: expect.stringMatching(/及格线 60 ≠ 80/) }]);
    expect(graded[0]!.assignment.passMark).toBe(80);

    const known = { ...makeAssignment(), passMark: 90 };
    const vsKnown = regradeImports(importResultFiles([input('k.json', f)], []).accepted, grading().ctx, { knownAssignments: [known] });
    expect(vsKnown[0]!.flags.map((x) => x.code)).toEqual(['assignment-edited']);

    const broken = { ...f, assignment: { ...f.assignment, code: f.assignment.code.slice(0, -4) } };
    const r = importResultFiles([input('cut.json', broken)], []);
    expect(r.accepted).toEqual([]);
    expect(r.messages[0]!.text).toMatch(/任务链接无效.*链接不完整/);
  });

  it('times that cannot be right and attempts outside the assignment are flagged', () => {
    const a = makeAttempt(quiz('cancel-order'));
    const backwards = { ...a, seed: 2, finishedAt: new Date(Date.parse(a.startedAt) - 1000).toISOString() };
    const early = makeAttempt(quiz('cancel-order'), { startMs: T0 - 86_400_000, seed: 3 });
    const other = makeAttempt(quiz('daily-schedule'));
    const { graded } = importAndGrade([input('t.json', makeFile({ attempts: [backwards, early, other], chats: [] }))]);
    expect(graded[0]!.items.map((i) => i.flags.map((f) => f.code))).toEqual([['time-order'], ['outside-window'], ['not-assigned']]);
    expect(graded[0]!.items.every((i) => !i.counted || i.itemId === 'cancel-order')).toBe(true);
  });

  it('stored imports are re-checked when the dashboard loads them', () => {
    const { accepted } = importResultFiles([input('a.json', makeFile())], []);
    expect(storedImportProblem(accepted[0])).toBeNull();
    expect(storedImportProblem({ ...accepted[0], file: { format: 'x' } })).toMatch(/已损坏/);
    expect(storedImportProblem(null)).toMatch(/无法识别/);
  });
});

describe('dashboard numbers', () => {
  function classFiles() {
    const q = quiz('cancel-order');
    const s = scenario('bargain-repeat');
    const a = makeAssignment();
    const wrong = { ...rightAnswers(q) };
    const missed = q.questions.slice(0, 2).map((x) => x.id);
    for (const id of missed) delete wrong[id];
    return {
      missed,
      files: [
        input('zhang.json', makeFile({ assignment: a, name: '张三' })),
        input(
          'li.json',
          makeFile({
            assignment: a,
            name: '李四',
            device: 'dev0000000002',
            attempts: [makeAttempt(q, { answers: wrong })],
            chats: [makeChat(s, { replies: [{ text: '你好', afterMs: 40_000 }] })],
          }),
        ),
        input(
          'wang.json',
          makeFile({
            assignment: a,
            name: '王五',
            device: 'dev0000000003',
            attempts: [makeAttempt(q, { startMs: Date.parse('2026-06-08T03:00:00Z') })],
            chats: [],
          }),
        ),
      ],
    };
  }

  it('per-trainee rows: assigned, done, score, grade, passed, late', () => {
    const { files } = classFiles();
    const { graded } = importAndGrade(files);
    const rows = traineeRows(graded, grading().ctx, new Date('2026-06-10T00:00:00Z'));
    // Names in pinyin order (zh-CN collation).
    expect(rows.map((r) => [r.name, r.assigned, r.done, r.passed, r.late])).toEqual([
      ['李四', 2, 2, false, false],
      ['王五', 2, 1, false, true],
      ['张三', 2, 2, true, false],
    ]);
    expect(rows[1]!.score).toBe(50);
    expect(rows[1]!.grade).toBe('F');
    expect(filterRows(rows, { status: 'late' }).map((r) => r.name)).toEqual(['王五']);
    expect(filterRows(rows, { status: 'passed' }).map((r) => r.name)).toEqual(['张三']);
    expect(filterRows(rows, { status: 'incomplete' }).map((r) => r.name)).toEqual(['王五']);
    expect(filterRows(rows, { trainee: '李' }).map((r) => r.name)).toEqual(['李四']);
    expect(filterRows(rows, { group: '别的组' })).toEqual([]);
  });

  it('failure rates per question and per standard over the best attempts', () => {
    const { files, missed } = classFiles();
    const { graded } = importAndGrade(files);
    const { ctx } = grading();
    const rows = traineeRows(graded, ctx);
    const qr = questionRates(rows, ctx);
    const top = qr.filter((r) => r.rate > 0);
    expect(top.map((r) => r.question).sort()).toEqual([...missed].sort());
    expect(top[0]).toMatchObject({ quiz: 'cancel-order', attempts: 3, failed: 1 });
    expect(top[0]!.rate).toBeCloseTo(1 / 3);
    const sr = standardRates(rows, ctx);
    expect(sr.length).toBeGreaterThan(0);
    const firstReply = sr.find((s) => s.standard === 'first-response-time');
    expect(firstReply).toMatchObject({ fromChat: 2, failed: 1 });
    expect(questionRates(rows, ctx, 'chat:bargain-repeat')).toEqual([]);
    expect(questionRatesCsv(qr).split('\r\n')[0]).toBe('\uFEFF测验,测验 id,题目 id,题目,作答人次,答错人次,错误率（%）');
  });

  it('imports 50 result files quickly', () => {
    const a = makeAssignment();
    const q = quiz('cancel-order');
    const s = scenario('bargain-repeat');
    const attempt = makeAttempt(q);
    const chat = makeChat(s);
    const files = Array.from({ length: 50 }, (_, i) =>
      input(
        `f${i}.json`,
        makeFile({ assignment: a, name: `学员${i + 1}`, device: `dev${String(i).padStart(10, '0')}`, attempts: [attempt], chats: [chat] }),
      ),
    );
    const t0 = performance.now();
    const { accepted, graded } = importAndGrade(files);
    const rows = traineeRows(graded, grading().ctx);
    questionRates(rows, grading().ctx);
    standardRates(rows, grading().ctx);
    const ms = performance.now() - t0;
    console.log(`50 result files: parse + re-grade + aggregate in ${ms.toFixed(0)} ms`);
    expect(accepted).toHaveLength(50);
    expect(rows).toHaveLength(50);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('CSV', () => {
  it('escapes quotes, commas, line breaks and formula injection', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('TRUE');
    expect(toCsv(['a', 'b'], [[1, '=1']])).toBe("\uFEFFa,b\r\n1,'=1\r\n");
  });

  it('the trainee CSV and the dashboard CSV carry names as text, never formulas', () => {
    const f: ResultFile = makeFile({ name: '=cmd|calc' });
    const csv = resultFileCsv(f, makeAssignment(), (_k, id) => id);
    expect(csv).toContain("'=cmd|calc");
    expect(csv.split('\r\n')).toHaveLength(4);
    const { graded } = importAndGrade([input('x.json', f)]);
    expect(traineeRowsCsv(traineeRows(graded, grading().ctx))).toContain("'=cmd|calc");
    expect(encodeAssignment(makeAssignment())).toBe(f.assignment.code);
  });
});
