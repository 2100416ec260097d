import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, randomSeed, shuffled } from '../../src/lib/quiz/random.ts';
import { attemptLayout } from '../../src/lib/quiz/layout.ts';
import { fixtureQuiz, makeQuiz } from './quiz-helpers.ts';

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('matches the reference mulberry32 output (the browser and the CLI must agree)', () => {
    const rng = mulberry32(1);
    expect([rng(), rng(), rng()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });
});

describe('shuffled', () => {
  it('returns a permutation and leaves the input alone', () => {
    const input = ['a', 'b', 'c', 'd', 'e', 'f'];
    const out = shuffled(input, mulberry32(7));
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('is deterministic per seed and varies between seeds', () => {
    const input = Array.from({ length: 10 }, (_, i) => i);
    expect(shuffled(input, mulberry32(99))).toEqual(shuffled(input, mulberry32(99)));
    const orders = new Set(Array.from({ length: 20 }, (_, s) => shuffled(input, mulberry32(s)).join(',')));
    expect(orders.size).toBeGreaterThan(15);
  });
});

describe('deriveSeed / randomSeed', () => {
  it('derives distinct stable 32-bit seeds per label', () => {
    expect(deriveSeed(5, 'q1')).toBe(deriveSeed(5, 'q1'));
    expect(deriveSeed(5, 'q1')).not.toBe(deriveSeed(5, 'q2'));
    expect(deriveSeed(5, 'q1')).not.toBe(deriveSeed(6, 'q1'));
    const s = randomSeed();
    expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
  });
});

describe('attemptLayout', () => {
  const quiz = fixtureQuiz();

  it('gives the same question, option, item and choice order for the same seed', () => {
    expect(attemptLayout(quiz, 20250601)).toEqual(attemptLayout(quiz, 20250601));
    expect(attemptLayout(quiz, 20250601)).toMatchInlineSnapshot(`
      {
        "choices": {
          "bargain-roleplay": {
            "close": [
              "ask-again",
              "confirm",
            ],
            "explain-value": [
              "value-and-gift",
              "but",
            ],
            "greet": [
              "warm-greet",
              "ignore",
              "quick-discount",
            ],
            "push-more": [
              "gift",
              "refuse",
              "agree-fifty",
            ],
          },
        },
        "options": {
          "banned-phrases": [
            "c",
            "b",
            "a",
            "d",
          ],
          "polite-greeting": [
            "c",
            "a",
            "b",
          ],
          "reply-order": [
            "recommend",
            "greet",
            "ask-need",
            "confirm-order",
          ],
        },
        "questions": [
          "polite-greeting",
          "discount-fifty",
          "banned-phrases",
          "bargain-roleplay",
          "first-reply-seconds",
          "reply-order",
        ],
      }
    `);
  });

  it('changes with the seed and keeps every id', () => {
    const layouts = new Set(Array.from({ length: 10 }, (_, s) => JSON.stringify(attemptLayout(quiz, s))));
    expect(layouts.size).toBeGreaterThan(5);
    const l = attemptLayout(quiz, 3);
    expect([...l.questions].sort()).toEqual(quiz.questions.map((q) => q.id).sort());
    expect([...(l.options['banned-phrases'] ?? [])].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('can keep the quiz order of questions', () => {
    expect(attemptLayout(quiz, 3, { shuffleQuestions: false }).questions).toEqual(quiz.questions.map((q) => q.id));
  });

  it('never shows ordering items already in the right order', () => {
    const ordering = makeQuiz([
      {
        id: 'o',
        type: 'ordering',
        items: [
          { id: 'x', text: 'X' },
          { id: 'y', text: 'Y' },
          { id: 'z', text: 'Z' },
        ],
      },
    ]);
    for (let seed = 0; seed < 200; seed++) {
      expect(attemptLayout(ordering, seed).options.o).not.toEqual(['x', 'y', 'z']);
    }
  });
});
