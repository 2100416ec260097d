import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newAttempt } from '../../src/lib/quiz/attempt.ts';
import { gradeAttempt } from '../../src/lib/quiz/grade-attempt.ts';
import { canonicalJson, fnv1a32, quizHash } from '../../src/lib/quiz/hash.ts';
import { formatAttemptProblems, parseAttempt, type AttemptProblem } from '../../src/lib/quiz/parse-attempt.ts';
import { looksTruncated } from '../../src/lib/text/read-json.ts';
import { FIXTURE_ROOT, fixtureQuiz } from './quiz-helpers.ts';

const quiz = fixtureQuiz();
const sampleText = readFileSync(`${FIXTURE_ROOT}/attempts/sample.json`, 'utf8');
const sample = JSON.parse(sampleText) as Record<string, unknown>;

/** The problems for `value` (an object, serialised) or raw text. */
function problems(value: unknown): AttemptProblem[] {
  const result = parseAttempt(typeof value === 'string' ? value : JSON.stringify(value), quiz);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}
const withAnswers = (answers: Record<string, unknown>) => ({ ...sample, answers });
const without = (key: string) => Object.fromEntries(Object.entries(sample).filter(([k]) => k !== key));

describe('quizHash', () => {
  it('is stable: 8 hex digits, independent of key order and of extra keys such as `file`', () => {
    const h = quizHash(quiz);
    expect(h).toMatch(/^[0-9a-f]{8}$/);
    expect(h).toBe(sample.quizHash); // update tests/fixtures/quiz-site/attempts/sample.json if the fixture quiz changes
    const reordered = Object.fromEntries(Object.entries(quiz).reverse());
    expect(quizHash(reordered)).toBe(h);
    expect(quizHash({ ...quiz, file: 'quizzes/x.yaml' })).toBe(h);
  });

  it('changes with the content', () => {
    const edited = structuredClone(quiz);
    const q = edited.questions[1];
    if (q?.type === 'single') q.answer = 'a';
    expect(quizHash(edited)).not.toBe(quizHash(quiz));
  });

  it('uses canonical JSON and FNV-1a', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: '中' }] })).toBe('{"a":[1,{"c":"中"}],"b":1}');
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });
});

describe('parseAttempt: good files', () => {
  it('reads the fixture sample', () => {
    const r = parseAttempt(sampleText, quiz);
    expect(r.ok && r.attempt.answers['polite-greeting']).toBe('b');
  });

  it('round-trips a new attempt with a stored result, and re-grading gives the stored result', () => {
    const attempt = newAttempt(quiz, { seed: 7, mode: 'practice', startedAt: new Date('2025-06-01T08:00:00Z') });
    attempt.answers = { 'polite-greeting': 'a', 'bargain-roleplay': ['warm-greet'], 'reply-order': null };
    attempt.finishedAt = '2025-06-01T16:10:00+08:00';
    const result = gradeAttempt(quiz, attempt);
    const text = '\uFEFF' + JSON.stringify({ ...attempt, result });
    const parsed = parseAttempt(text, quiz);
    if (!parsed.ok) throw new Error(formatAttemptProblems('x', parsed.problems));
    expect(gradeAttempt(quiz, parsed.attempt)).toEqual(result);
    expect(parsed.attempt.result).toEqual(JSON.parse(JSON.stringify(result)));
  });
});

describe('parseAttempt: bad files, each with a clear Chinese message', () => {
  it('empty file', () => {
    expect(problems('  \n')).toEqual([{ field: '', message: '文件是空的' }]);
  });

  it('not JSON', () => {
    expect(problems('quiz: first-reply-basics\n')[0]?.message).toMatch(/^不是有效的 JSON 文件/);
    expect(problems('{"format": "sop-quiz-attempt",}')[0]?.message).toMatch(/^不是有效的 JSON 文件/);
  });

  it('truncated', () => {
    for (const cut of [10, 100, sampleText.length - 3, sampleText.indexOf('"十五') + 2]) {
      expect(problems(sampleText.slice(0, cut))[0]?.message).toMatch(/^文件不完整/);
    }
    expect(looksTruncated('{"a": "}{"}')).toBe(false);
    expect(looksTruncated('{"a": "\\"}')).toBe(true);
  });

  it('not an object', () => {
    expect(problems([1, 2])[0]?.message).toBe('不是测验答题文件：内容应是一个 JSON 对象，实际是列表');
    expect(problems('42')[0]?.message).toBe('不是测验答题文件：内容应是一个 JSON 对象，实际是数字 42');
  });

  it('wrong format', () => {
    expect(problems(without('format'))).toEqual([
      { field: 'format', message: '不是测验答题文件：缺少 format 字段，应为 “sop-quiz-attempt”' },
    ]);
    expect(problems({ ...sample, format: 'chat-transcript' })[0]?.message).toBe(
      '不是测验答题文件：format 是 "chat-transcript"，应为 “sop-quiz-attempt”',
    );
    expect(problems({ ...sample, formatVersion: 2 })).toEqual([
      { field: 'formatVersion', message: '答题文件格式版本 2 不受支持（只支持版本 1）' },
    ]);
  });

  it('missing fields', () => {
    expect(problems(without('seed'))).toEqual([{ field: 'seed', message: '缺少此字段' }]);
    const many = problems(Object.fromEntries(Object.entries(sample).filter(([k]) => ['format'].includes(k))));
    expect(many.map((p) => p.field).sort()).toEqual([
      'answers',
      'formatVersion',
      'mode',
      'quiz',
      'quizHash',
      'quizVersion',
      'seed',
      'startedAt',
    ]);
    expect(many.every((p) => p.message === '缺少此字段')).toBe(true);
  });

  it('wrongly typed fields', () => {
    const p = problems({ ...sample, seed: 'abc', mode: 'test', startedAt: '昨天', quizHash: 'xyz', quizVersion: 1.5 });
    expect(p).toEqual(
      expect.arrayContaining([
        { field: 'seed', message: '应为数字，实际是字符串 "abc"' },
        { field: 'mode', message: '应为 "practice" 或 "exam"，实际是 "test"' },
        { field: 'startedAt', message: '应是 ISO 8601 时间，例如 2025-01-01T08:00:00.000Z' },
        { field: 'quizHash', message: '应是 8 位十六进制数字（quizHash）' },
        { field: 'quizVersion', message: '应为整数，实际是数字 1.5' },
      ]),
    );
    expect(problems(withAnswers({ 'polite-greeting': { id: 'b' } }))).toEqual([
      { field: 'answers.polite-greeting', message: '答案格式不对：应是字符串、数字、true/false、字符串列表或 null' },
    ]);
  });

  it('another quiz', () => {
    expect(problems({ ...sample, quiz: 'first-reply-mini' })).toEqual([
      { field: 'quiz', message: '这份答题记录属于测验 “first-reply-mini”，不是 “first-reply-basics”' },
    ]);
  });

  it('another quiz version', () => {
    expect(problems({ ...sample, quizVersion: 2 })).toEqual([
      { field: 'quizVersion', message: '答题记录是按测验 “first-reply-basics” 第 2 版作答的，当前是第 1 版，题目已改动，不能按新版评分' },
    ]);
  });

  it('same version, other content (hash)', () => {
    expect(problems({ ...sample, quizHash: '00000000' })).toEqual([
      {
        field: 'quizHash',
        message: `quizHash “00000000” 与当前测验内容（“${quizHash(quiz)}”）不一致：测验内容改过但版本号没变，或答题文件被改动过`,
      },
    ]);
  });

  it('answers naming unknown questions', () => {
    expect(problems(withAnswers({ 'no-such-question': 'a' }))).toEqual([
      { field: 'answers.no-such-question', message: '测验 “first-reply-basics” 中没有题目 “no-such-question”' },
    ]);
  });

  it('answers naming unknown options, items or choices, or of the wrong shape', () => {
    const p = problems(
      withAnswers({
        'polite-greeting': 'z',
        'banned-phrases': ['a', 'x', 'a'],
        'reply-order': ['greet', 'ask-need', 'recommend'],
        'discount-fifty': 'false',
        'first-reply-seconds': ['15'],
        'bargain-roleplay': ['warm-greet', 'gift'],
      }),
    );
    expect(p).toEqual([
      { field: 'answers.polite-greeting', message: '没有选项 “z”（可选：a、b、c）' },
      { field: 'answers.banned-phrases', message: '没有选项 “x”（可选：a、b、c、d）' },
      { field: 'answers.banned-phrases', message: '“a” 出现了不止一次' },
      { field: 'answers.reply-order', message: '缺少排序项 “confirm-order”（每一项都要出现一次）' },
      { field: 'answers.discount-fifty', message: '判断题的答案应是 true 或 false' },
      { field: 'answers.first-reply-seconds', message: '填空题的答案应是填写的文字或数字' },
      { field: 'answers.bargain-roleplay', message: '第 2 步：节点 “explain-value” 没有选项 “gift”（可选：value-and-gift、but）' },
    ]);
    expect(problems(withAnswers({ 'polite-greeting': ['b'] }))[0]?.message).toBe('单选题的答案应是一个选项 id（字符串）');
    expect(problems(withAnswers({ 'bargain-roleplay': ['ignore', 'warm-greet'] }))[0]?.message).toContain('已经结束');
  });

  it('finishedAt before startedAt', () => {
    expect(problems({ ...sample, finishedAt: '2025-06-01T07:00:00.000Z' })).toEqual([
      { field: 'finishedAt', message: '交卷时间早于开始时间' },
    ]);
  });

  it('formats problems with the file name', () => {
    expect(
      formatAttemptProblems('a.json', [
        { field: 'seed', message: '缺少此字段' },
        { field: '', message: '文件是空的' },
      ]),
    ).toBe('a.json → seed: 缺少此字段\na.json: 文件是空的');
  });
});
