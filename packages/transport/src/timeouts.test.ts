import { ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUTS, IdleTimer, resolveTimeouts } from "./timeouts";

describe("resolveTimeouts", () => {
  it("merges overrides over the base", () => {
    expect(resolveTimeouts(DEFAULT_TIMEOUTS, { idleMs: 5 })).toEqual({
      connectMs: 10_000,
      idleMs: 5,
      totalMs: 0,
    });
    expect(resolveTimeouts(DEFAULT_TIMEOUTS, undefined)).toBe(DEFAULT_TIMEOUTS);
  });

  it("refuses negative, infinite, too large and non-number values, naming the field", () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, "1"]) {
      expect(() => resolveTimeouts(DEFAULT_TIMEOUTS, { totalMs: bad as number })).toThrow(
        expect.objectContaining({ field: "timeouts.totalMs" }),
      );
    }
    expect(() => resolveTimeouts(DEFAULT_TIMEOUTS, 5 as never)).toThrow(ValidationError);
  });
});

describe("IdleTimer", () => {
  it("fires after a quiet period, not while touched, and not when stopped or disabled", async () => {
    let fired = 0;
    const timer = new IdleTimer(60, () => fired++);
    timer.start();
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 25));
      timer.touch();
    }
    expect(fired).toBe(0);
    await new Promise((r) => setTimeout(r, 150));
    expect(fired).toBe(1);

    const stopped = new IdleTimer(20, () => fired++);
    stopped.start();
    stopped.stop();
    new IdleTimer(0, () => fired++).start();
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toBe(1);
  });
});
