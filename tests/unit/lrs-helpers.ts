/** The real LRS (tests/lrs/lrs-server.ts) for unit test files, started once per file. */
import { afterAll, beforeAll } from 'vitest';
import { startLrs, type RunningLrs } from '../lrs/lrs-server.ts';

/**
 * For a test file that needs the real LRS: starts it before the file's tests and stops it after.
 * The returned object reads through to the running LRS (endpoint, auth, port).
 */
export function useLrs(): RunningLrs {
  let running: RunningLrs | undefined;
  beforeAll(async () => {
    running = await startLrs();
  }, 240_000);
  afterAll(async () => {
    await running?.stop();
  });
  return new Proxy({} as RunningLrs, {
    get: (_target, key) => {
      if (!running) throw new Error('the LRS is not running yet (use it inside a test)');
      return running[key as keyof RunningLrs];
    },
  });
}
