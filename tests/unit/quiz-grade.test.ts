import { describe, expect, it } from 'vitest';
import { longestIncreasing, multipleCredit, orderingCredit } from '../../src/lib/quiz/credit.ts';
import { gradeQuestion } from '../../src/lib/quiz/grade-question.ts';
import { gradeAttempt } from '../../src/lib/quiz/grade-attempt.ts';
import { fixtureQuiz, makeQuestion, makeQuiz } from './quiz-helpers.ts';

const options = (...ids: string[]) => ids.map((id) => ({ id, text: `选项 ${id}` }));

describe('single and truefalse', () => {
  const single = makeQuestion({ type: 'single', options: options('a', 'b', 'c'), answer: 'b', points: 2 });
  const tf = makeQuestion({ type: 'truefalse', answer: false });

  it('gives all the points for the right answer only', () => {
    expect(gradeQuestion(single, 'b')).toMatchObject({ id: 'q', type: 'single', score: 2, max: 2, correct: true, answered: true });
    expect(gradeQuestion(single, 'a')).toMatchObject({ score: 0, max: 2, correct: false, answered: true, chosen: 'a' });
    expect(gradeQuestion(single, undefined)).toMatchObject({ score: 0, correct: false, answered: false, chosen: null });
    expect(gradeQuestion(tf, false)).toMatchObject({ type: 'truefalse', score: 1, correct: true });
    expect(gradeQuestion(tf, true)).toMatchObject({ score: 0, correct: false });
    expect(gradeQuestion(tf, null)).toMatchObject({ score: 0, answered: false });
    expect(gradeQuestion(tf, 'false')).toMatchObject({ score: 0, answered: false });
  });
});

describe('multiple: (right picked − wrong picked) / right total, floored at 0', () => {
  it.each([
    [['a', 'c'], 1],
    [['c', 'a'], 1],
    [['a'], 0.5],
    [['a', 'b'], 0],
    [['a', 'b', 'c'], 0.5],
    [['b', 'd'], 0],
    [['a', 'b', 'c', 'd'], 0],
    [[], 0],
    [['a', 'a', 'zz'], 0.5],
  ])('%j → %s', (picked, fraction) => {
    expect(multipleCredit(['a', 'c'], picked, ['a', 'b', 'c', 'd']).fraction).toBe(fraction);
  });

  it('scores points × credit; only the exact set is correct', () => {
    const q = makeQuestion({ type: 'multiple', options: options('a', 'b', 'c', 'd'), answers: ['a', 'b', 'c'], points: 3 });
    expect(gradeQuestion(q, ['a', 'b'])).toMatchObject({ score: 2, max: 3, correct: false, rightPicked: 2, wrongPicked: 0, rightTotal: 3 });
    expect(gradeQuestion(q, ['a', 'b', 'd'])).toMatchObject({ score: 1, correct: false, wrongPicked: 1 });
    expect(gradeQuestion(q, ['a'])).toMatchObject({ score: 1 });
    expect(gradeQuestion(q, ['c', 'b', 'a'])).toMatchObject({ score: 3, correct: true });
    const third = makeQuestion({ type: 'multiple', options: options('a', 'b', 'c', 'd'), answers: ['a', 'b', 'c'] });
    expect(gradeQuestion(third, ['a']).score).toBe(0.33);
  });
});

describe('ordering: (L − 1) / (n − 1), L = longest subsequence in the right order', () => {
  it('finds the longest increasing subsequence', () => {
    expect(longestIncreasing([])).toBe(0);
    expect(longestIncreasing([0, 1, 2, 3])).toBe(4);
    expect(longestIncreasing([3, 2, 1, 0])).toBe(1);
    expect(longestIncreasing([0, 2, 1, 3])).toBe(3);
    expect(longestIncreasing([2, 0, 3, 1, 4])).toBe(3);
  });

  it.each([
    [['a', 'b', 'c', 'd'], 4, 1],
    [['d', 'c', 'b', 'a'], 1, 0],
    [['a', 'c', 'b', 'd'], 3, 2 / 3],
    [['b', 'c', 'd', 'a'], 3, 2 / 3],
    [['b', 'a', 'd', 'c'], 2, 1 / 3],
    [['a', 'b'], 2, 1 / 3],
    [[], 0, 0],
  ])('%j → L = %s, credit %s', (given, longest, fraction) => {
    const c = orderingCredit(['a', 'b', 'c', 'd'], given);
    expect(c.longest).toBe(longest);
    expect(c.fraction).toBeCloseTo(fraction, 10);
  });

  it('scores points × credit', () => {
    const q = makeQuestion({ type: 'ordering', items: options('a', 'b', 'c'), points: 2 });
    expect(gradeQuestion(q, ['a', 'b', 'c'])).toMatchObject({ score: 2, max: 2, correct: true, longest: 3, items: 3 });
    expect(gradeQuestion(q, ['b', 'a', 'c'])).toMatchObject({ score: 1, correct: false, longest: 2 });
    expect(gradeQuestion(q, ['c', 'b', 'a'])).toMatchObject({ score: 0, correct: false });
  });
});

describe('numeric', () => {
  const q = makeQuestion({ type: 'numeric', answer: 15, unit: '秒', accept: ['十五秒钟'] });
  it.each(['15', '十五', '十五秒', '１５', ' 15 秒 ', '十五秒钟'])('accepts %j', (typed) => {
    expect(gradeQuestion(q, typed)).toMatchObject({ type: 'numeric', score: 1, correct: true, value: 15 });
  });
  it('rejects other numbers and units, and reports what was read', () => {
    expect(gradeQuestion(q, '20秒')).toMatchObject({ score: 0, correct: false, value: 20, typed: '20秒', answer: 15, unit: '秒' });
    expect(gradeQuestion(q, '15分钟')).toMatchObject({ score: 0, value: null });
    expect(gradeQuestion(q, 15)).toMatchObject({ score: 1, typed: '15' });
  });
});

describe('gradeAttempt', () => {
  const quiz = fixtureQuiz();

  it('grades the fixture sample: 8.67 / 13 = 66.7 %, D, not passed', () => {
    const r = gradeAttempt(quiz, {
      answers: {
        'first-reply-seconds': '十五 秒',
        'polite-greeting': 'b',
        'banned-phrases': ['a'],
        'reply-order': ['greet', 'recommend', 'ask-need', 'confirm-order'],
        'discount-fifty': false,
        'bargain-roleplay': ['quick-discount', 'gift'],
      },
    });
    expect(r).toMatchObject({ quiz: 'first-reply-basics', score: 8.67, max: 13, percent: 66.7, grade: 'D', passed: false, passMark: 80 });
    expect(r.questions.map((q) => [q.id, q.type, q.score, q.max, q.correct])).toEqual([
      ['first-reply-seconds', 'numeric', 1, 1, true],
      ['polite-greeting', 'single', 1, 1, true],
      ['banned-phrases', 'multiple', 1, 2, false],
      ['reply-order', 'ordering', 0.67, 1, false],
      ['discount-fifty', 'truefalse', 1, 1, true],
      ['bargain-roleplay', 'roleplay', 4, 7, false],
    ]);
  });

  it('gives 100 % and A for all right, 0 % and F for nothing', () => {
    const all = gradeAttempt(quiz, {
      answers: {
        'first-reply-seconds': 15,
        'polite-greeting': 'b',
        'banned-phrases': ['a', 'c'],
        'reply-order': ['greet', 'ask-need', 'recommend', 'confirm-order'],
        'discount-fifty': false,
        'bargain-roleplay': ['warm-greet', 'value-and-gift', 'confirm'],
      },
    });
    expect(all).toMatchObject({ score: 13, max: 13, percent: 100, grade: 'A', passed: true });
    expect(gradeAttempt(quiz, { answers: {} })).toMatchObject({ score: 0, max: 13, percent: 0, grade: 'F', passed: false });
  });

  it('sums unrounded scores and passes at exactly the pass mark', () => {
    // Three multiple-choice questions worth 1/3 each: 1.00 / 3, not 0.99.
    const q = (id: string) => ({ id, type: 'multiple', options: options('a', 'b', 'c', 'd'), answers: ['a', 'b', 'c'] });
    const quiz3 = makeQuiz([q('m1'), q('m2'), q('m3')], { passMark: 33.3 });
    const r = gradeAttempt(quiz3, { answers: { m1: ['a'], m2: ['b'], m3: ['c'] } });
    expect(r).toMatchObject({ score: 1, max: 3, percent: 33.3, passed: true, grade: 'F' });
  });

  it('does not read answers from the object prototype', () => {
    const quizC = makeQuiz([{ id: 'constructor', type: 'truefalse', answer: true }]);
    expect(gradeAttempt(quizC, { answers: {} }).questions[0]).toMatchObject({ answered: false, score: 0 });
  });
});
