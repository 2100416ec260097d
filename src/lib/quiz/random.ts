/**
 * Seeded randomness for quiz attempts. An attempt stores one 32-bit seed; every shuffle of that
 * attempt (question order, option order, ordering items, role-play choices) is drawn from it, so the
 * same seed always gives the same screen and an attempt can be replayed exactly.
 *
 * - mulberry32: a tiny, fast 32-bit generator (same numbers in every JS engine).
 * - shuffled: Fisher-Yates over a copy, driven by such a generator.
 * - deriveSeed: a separate seed per shuffle ("q3", "q3/node-a"), so adding or reordering one
 *   question does not change how the others are shuffled.
 */
import { fnv1a32 } from './hash.ts';

/** A random number generator: each call returns a number in [0, 1). */
export type Rng = () => number;

/** mulberry32 generator for a 32-bit seed (non-integers and negatives are folded into 32 bits). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher-Yates); the input is left untouched. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** A seed for one named shuffle inside an attempt: FNV-1a of "<seed>:<label>". */
export function deriveSeed(seed: number, label: string): number {
  return fnv1a32(`${seed >>> 0}:${label}`);
}

/** A fresh random 32-bit seed for a new attempt (Web Crypto when available, in browsers and Node). */
export function randomSeed(): number {
  const crypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  if (crypto?.getRandomValues) return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  return Math.floor(Math.random() * 4294967296) >>> 0;
}
