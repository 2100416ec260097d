import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gradeAttempt } from '../../src/lib/quiz/grade-attempt.ts';
import { FIXTURE_ROOT, fixtureQuiz } from './quiz-helpers.ts';
import { REPO, runSop } from './cli-helpers.ts';

const SAMPLE = 'tests/fixtures/quiz-site/attempts/sample.json';
const tmp = mkdtempSync(join(tmpdir(), 'quiz-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sop = (...args: string[]) => runSop(FIXTURE_ROOT, args);

describe('sop quizzes', () => {
  it('--json lists every quiz with its question ids and types', () => {
    const r = sop('quizzes', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: 'first-reply-basics',
        title: '首次接待基础测验',
        workflow: 'first-reply',
        questions: [
          { id: 'first-reply-seconds', type: 'numeric' },
          { id: 'polite-greeting', type: 'single' },
          { id: 'banned-phrases', type: 'multiple' },
          { id: 'reply-order', type: 'ordering' },
          { id: 'discount-fifty', type: 'truefalse' },
          { id: 'bargain-roleplay', type: 'roleplay' },
        ],
      },
      {
        id: 'first-reply-mini',
        title: '首次接待小测',
        workflow: 'first-reply',
        questions: [
          { id: 'greet-first', type: 'truefalse' },
          { id: 'greet-word', type: 'single' },
        ],
      },
    ]);
  });
});

describe('sop grade-quiz', () => {
  it('--json prints the same result as the engine', () => {
    const r = sop('grade-quiz', '--json', '--quiz', 'first-reply-basics', '--answers', SAMPLE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ score: 8.67, max: 13, percent: 66.7, grade: 'D', passed: false });
    const attempt = JSON.parse(readFileSync(join(REPO, SAMPLE), 'utf8'));
    expect(result).toEqual(JSON.parse(JSON.stringify(gradeAttempt(fixtureQuiz(), attempt))));
  });

  it('prints a summary without --json, and accepts --name=value', () => {
    const r = sop('grade-quiz', '--quiz=first-reply-basics', `--answers=${SAMPLE}`);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('测验 first-reply-basics（第 1 版）：得分 8.67 / 13，66.7%，等级 D，未通过（及格线 80%）');
    expect(r.stdout).toContain('✗ bargain-roleplay  情景对话题  4 / 7，结局：顾客满意下单（good）');
  });

  it('a bad file: the file and the problem on stderr, exit code 1', () => {
    const file = join(tmp, 'cut.json');
    writeFileSync(file, readFileSync(join(REPO, SAMPLE), 'utf8').slice(0, 200));
    const r = sop('grade-quiz', '--json', '--quiz', 'first-reply-basics', '--answers', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}: 文件不完整`);
  });

  it('an attempt for another quiz, or with unknown answers', () => {
    const r = sop('grade-quiz', '--json', '--quiz', 'first-reply-mini', '--answers', SAMPLE);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `答题文件无法评分（1 处问题）：\n${SAMPLE} → quiz: 这份答题记录属于测验 “first-reply-basics”，不是 “first-reply-mini”\n`,
    );
    const file = join(tmp, 'unknown.json');
    const attempt = JSON.parse(readFileSync(join(REPO, SAMPLE), 'utf8'));
    writeFileSync(file, JSON.stringify({ ...attempt, answers: { 'polite-greeting': 'z', extra: true } }));
    const u = sop('grade-quiz', '--json', '--quiz', 'first-reply-basics', '--answers', file);
    expect(u.code).toBe(1);
    expect(u.stderr).toContain(`${file} → answers.polite-greeting: 没有选项 “z”（可选：a、b、c）`);
    expect(u.stderr).toContain(`${file} → answers.extra: 测验 “first-reply-basics” 中没有题目 “extra”`);
  });

  it('a missing file, an unknown quiz, missing options', () => {
    const missing = sop('grade-quiz', '--quiz', 'first-reply-basics', '--answers', 'nope.json');
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: '无法读取答题文件 nope.json：文件不存在\n' });
    const unknown = sop('grade-quiz', '--quiz', 'nope', '--answers', SAMPLE);
    expect(unknown).toMatchObject({ code: 1, stderr: '没有测验 “nope”（现有：first-reply-basics、first-reply-mini）\n' });
    expect(sop('grade-quiz', '--quiz', 'first-reply-basics')).toMatchObject({ code: 2 });
  });
});
