/**
 * A hand-driven clock for the chat session (ChatClock): tests move time and run the customer's
 * typing pauses, the reply timer and the leave timer exactly when they say so.
 */
import type { ChatClock } from '../../src/components/chat/chat-session.svelte.ts';

export class FakeClock implements ChatClock {
  t: number;
  #timers: Array<{ at: number; fn: () => void; id: number }> = [];
  #id = 0;
  constructor(start = Date.parse('2025-06-01T08:00:00.000Z')) {
    this.t = start;
  }
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.#id;
    this.#timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.#timers = this.#timers.filter((x) => x.id !== handle);
  };
  /** Runs every timer due within `ms`, then sets the time to now + ms. */
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const next = this.#timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.#timers = this.#timers.filter((x) => x !== next);
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
  /** Runs timers one by one until `done()` holds; time stops at the timer that made it hold. */
  runUntil(done: () => boolean, limitMs = 60_000) {
    const end = this.t + limitMs;
    while (!done()) {
      const next = this.#timers.sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next || next.at > end) throw new Error('runUntil: condition never held');
      this.#timers = this.#timers.filter((x) => x !== next);
      this.t = next.at;
      next.fn();
    }
  }
  /** A reload: the old page's timers are gone. */
  drop() {
    this.#timers = [];
  }
}
