/**
 * The quiz engine (pure: no DOM, no Svelte, no Node APIs). The quiz page and the CLI import from
 * here. Scoring rules: grade-question.ts and credit.ts; attempt file: attempt.ts and answers.ts.
 */
export * from './random.ts';
export * from './hash.ts';
export * from './layout.ts';
export * from './chinese-number.ts';
export * from './numeric.ts';
export * from './credit.ts';
export * from './roleplay.ts';
export * from './answers.ts';
export * from './grade-question.ts';
export * from './attempt.ts';
export * from './parse-attempt.ts';
export * from './grade-attempt.ts';
export * from './structure.ts';
