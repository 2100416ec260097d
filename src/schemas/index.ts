/** The content model: one schema per concept. Re-exported here for the site, the CLI and the tests. */
export * from './common.ts';
export * from './track.ts';
export * from './standard.ts';
export * from './script.ts';
export * from './workflow.ts';
export * from './quiz.ts';
export * from './scenario.ts';
export * from './placeholder.ts';
