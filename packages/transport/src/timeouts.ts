import { ValidationError } from "@oss-kit/errors";
import type { Timeouts } from "./types";

/**
 * The default timeouts of both transports: 10 s to connect, 30 s without a byte moving either way,
 * and no overall limit (`0`), so a large transfer on a slow link is bounded only by stalls.
 */
export const DEFAULT_TIMEOUTS: Timeouts = Object.freeze({
  connectMs: 10_000,
  idleMs: 30_000,
  totalMs: 0,
});

/** The longest delay a JavaScript timer can wait. */
const MAX_MS = 2_147_483_647;

const KEYS = ["connectMs", "idleMs", "totalMs"] as const;

/**
 * Merges `override` over `base`, checking each value: a number of milliseconds from 0 (no limit)
 * to 2147483647. `field` prefixes the field a `ValidationError` names.
 */
export function resolveTimeouts(
  base: Timeouts,
  override: Partial<Timeouts> | undefined,
  field = "timeouts",
): Timeouts {
  if (override === undefined) return base;
  if (typeof override !== "object" || override === null) {
    throw new ValidationError({ field, rule: "must be an object of milliseconds" });
  }
  const out = { ...base };
  for (const key of KEYS) {
    const value = override[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_MS) {
      throw new ValidationError({
        field: `${field}.${key}`,
        rule: `must be a number of milliseconds from 0 (no limit) to ${MAX_MS}`,
      });
    }
    out[key] = value;
  }
  return out;
}

/**
 * A timer that fires after `ms` without activity. `touch()` records activity cheaply (no timer is
 * re-armed per chunk: the timer re-schedules itself for the remaining time when it wakes early).
 * `ms` of 0 disables it.
 */
export class IdleTimer {
  readonly #ms: number;
  readonly #onTimeout: () => void;
  #handle: ReturnType<typeof setTimeout> | undefined;
  #last = 0;
  #running = false;

  constructor(ms: number, onTimeout: () => void) {
    this.#ms = ms;
    this.#onTimeout = onTimeout;
  }

  /** Starts (or restarts) waiting, counting from now. */
  start(): void {
    if (this.#ms <= 0) return;
    this.#last = Date.now();
    if (this.#running) return;
    this.#running = true;
    this.#schedule(this.#ms);
  }

  /** Records activity: the wait starts again from now. */
  touch(): void {
    this.#last = Date.now();
  }

  /** Stops waiting (paused by backpressure, or done). */
  stop(): void {
    this.#running = false;
    if (this.#handle !== undefined) clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #schedule(delay: number): void {
    this.#handle = setTimeout(() => {
      this.#handle = undefined;
      if (!this.#running) return;
      const idle = Date.now() - this.#last;
      if (idle >= this.#ms) {
        this.#running = false;
        this.#onTimeout();
      } else {
        this.#schedule(this.#ms - idle);
      }
    }, delay);
  }
}

/** Starts a one-shot timer unless `ms` is 0; returns its cancel function. */
export function startTimer(ms: number, onTimeout: () => void): () => void {
  if (ms <= 0) return () => {};
  const handle = setTimeout(onTimeout, ms);
  return () => clearTimeout(handle);
}
