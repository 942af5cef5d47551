import { AbortError, CredentialsError, TimeoutError, ValidationError } from "@oss-kit/errors";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type Credentials,
  type CredentialsInput,
  type RefreshingCredentialsOptions,
  refreshingCredentials,
} from "./index";

const MINUTE = 60_000;
const START = Date.UTC(2030, 0, 1);

/** A pending call of the fake `fetch`: settle it by hand. */
interface PendingFetch {
  generation: number;
  signal: AbortSignal;
  resolve(lifetimeMs?: number | null): void;
  reject(error: unknown): void;
}

/**
 * A refreshing provider over a fake clock and a fake `fetch` that only settles when told to.
 * Fetch number N returns generation N: `STS.gen-N-...`, `secret-gen-N`, `token-gen-N`.
 */
function harness(options: Partial<RefreshingCredentialsOptions> = {}) {
  const state = {
    clock: START,
    calls: 0,
    active: 0,
    maxActive: 0,
    pending: [] as PendingFetch[],
  };
  const fetch = (signal: AbortSignal): Promise<CredentialsInput> => {
    const generation = ++state.calls;
    state.active += 1;
    state.maxActive = Math.max(state.maxActive, state.active);
    return new Promise<CredentialsInput>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        state.active -= 1;
        state.pending = state.pending.filter((p) => p.generation !== generation);
        return true;
      };
      state.pending.push({
        generation,
        signal,
        resolve(lifetimeMs = 15 * MINUTE) {
          if (!settle()) return;
          resolve({
            accessKeyId: `STS.gen-${generation}-padding`,
            accessKeySecret: `secret-gen-${generation}`,
            securityToken: `token-gen-${generation}`,
            expiration: lifetimeMs === null ? undefined : state.clock + lifetimeMs,
          });
        },
        reject(error) {
          if (settle()) reject(error);
        },
      });
    });
  };
  const provider = refreshingCredentials({
    fetch,
    now: () => state.clock,
    fetchTimeoutMs: Number.POSITIVE_INFINITY,
    ...options,
  });
  return { state, provider, fetch };
}

/** Lets every queued promise callback run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** The generation of each field; throws if they disagree. */
function generationOf(c: Credentials): number {
  const id = /^STS\.gen-(\d+)-padding$/.exec(c.accessKeyId)?.[1];
  const secret = /^secret-gen-(\d+)$/.exec(c.accessKeySecret)?.[1];
  const token = /^token-gen-(\d+)$/.exec(c.securityToken ?? "")?.[1];
  if (id === undefined || id !== secret || id !== token) {
    throw new Error(`mixed generations: id ${id}, secret ${secret}, token ${token}`);
  }
  return Number(id);
}

/** Whether `promise` has settled after a flush, and how. */
async function peek<T>(
  promise: Promise<T>,
): Promise<
  | { status: "pending" }
  | { status: "fulfilled"; value: T }
  | { status: "rejected"; reason: unknown }
> {
  let result:
    | { status: "pending" }
    | { status: "fulfilled"; value: T }
    | { status: "rejected"; reason: unknown } = { status: "pending" };
  promise.then(
    (value) => {
      result = { status: "fulfilled", value };
    },
    (reason: unknown) => {
      result = { status: "rejected", reason };
    },
  );
  await flush();
  return result;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("refreshingCredentials: single flight and refresh ahead", () => {
  it("shares one fetch among concurrent first callers", async () => {
    const { state, provider } = harness();
    const calls = Array.from({ length: 100 }, () => provider.getCredentials());
    await flush();
    expect(state.calls).toBe(1);
    state.pending[0]?.resolve();
    const results = await Promise.all(calls);
    expect(new Set(results).size).toBe(1);
    expect(generationOf(results[0]!)).toBe(1);
    expect(state.calls).toBe(1);
  });

  it("refreshes ahead of expiry without making callers wait", async () => {
    const { state, provider } = harness();
    const first = provider.getCredentials();
    state.pending[0]?.resolve(15 * MINUTE);
    expect(generationOf(await first)).toBe(1);

    state.clock += 9 * MINUTE; // 6 minutes left: not yet due
    expect(generationOf(await provider.getCredentials())).toBe(1);
    expect(state.calls).toBe(1);

    state.clock += 2 * MINUTE; // 4 minutes left: due
    const during = Array.from({ length: 50 }, () => provider.getCredentials());
    for (const p of during) {
      const r = await peek(p);
      expect(r.status).toBe("fulfilled");
      if (r.status === "fulfilled") expect(generationOf(r.value)).toBe(1);
    }
    expect(state.calls).toBe(2);

    state.pending[0]?.resolve(15 * MINUTE);
    await flush();
    expect(generationOf(await provider.getCredentials())).toBe(2);
    expect(state.calls).toBe(2);
  });

  it("waits for the refresh only once the credentials have expired", async () => {
    const { state, provider } = harness();
    const first = provider.getCredentials();
    state.pending[0]?.resolve(15 * MINUTE);
    await first;
    state.clock += 14 * MINUTE;
    await provider.getCredentials(); // starts the refresh
    state.clock += 2 * MINUTE; // expired while the refresh is in flight
    const waiting = provider.getCredentials();
    expect((await peek(waiting)).status).toBe("pending");
    expect(state.calls).toBe(2);
    state.pending[0]?.resolve();
    expect(generationOf(await waiting)).toBe(2);
  });

  it("refreshes short-lived credentials at half their lifetime", async () => {
    const { state, provider } = harness();
    const first = provider.getCredentials();
    state.pending[0]?.resolve(2 * MINUTE); // shorter than twice the 5-minute window
    await first;
    state.clock += 59_000;
    await provider.getCredentials();
    expect(state.calls).toBe(1);
    state.clock += 2_000;
    await provider.getCredentials();
    expect(state.calls).toBe(2);
  });

  it("never refreshes credentials without expiration, unless forced", async () => {
    const { state, provider } = harness();
    const first = provider.getCredentials();
    state.pending[0]?.resolve(null);
    const c = await first;
    expect(c.expiration).toBeUndefined();
    state.clock += 10 * 365 * 24 * 60 * MINUTE;
    expect(await provider.getCredentials()).toBe(c);
    expect(state.calls).toBe(1);

    const forced = provider.getCredentials({ forceRefresh: true });
    await flush();
    expect(state.calls).toBe(2);
    state.pending[0]?.resolve(null);
    expect(generationOf(await forced)).toBe(2);
  });

  it("joins a fetch in flight on forceRefresh", async () => {
    const { state, provider } = harness();
    const a = provider.getCredentials();
    const b = provider.getCredentials({ forceRefresh: true });
    await flush();
    expect(state.calls).toBe(1);
    state.pending[0]?.resolve();
    expect(await a).toBe(await b);
  });
});

describe("refreshingCredentials: consistent snapshots under concurrency", () => {
  it("never mixes generations: many callers interleaved with refreshes", async () => {
    const { state, provider } = harness();
    // Each caller reads its fields the moment it gets them, as the signer would.
    const results: Array<Promise<{ c: Credentials; generation: number }>> = [];
    const call = (): void => {
      results.push(provider.getCredentials().then((c) => ({ c, generation: generationOf(c) })));
    };
    let refreshesCompleted = 0;
    for (let round = 0; round < 20; round++) {
      // A burst of callers, then time passes into (or past) the refresh window, with callers
      // arriving at every microtask step while the fetch resolves.
      for (let i = 0; i < 25; i++) call();
      state.clock += round % 3 === 0 ? 16 * MINUTE : 11 * MINUTE;
      for (let i = 0; i < 25; i++) call();
      await flush();
      expect(state.pending.length).toBeLessThanOrEqual(1);
      const pending = state.pending[0];
      if (pending !== undefined) {
        pending.resolve(15 * MINUTE);
        refreshesCompleted += 1;
        for (let tick = 0; tick < 10; tick++) {
          call();
          await Promise.resolve();
        }
      }
      await flush();
    }
    const settled = await Promise.all(results); // generationOf threw on any mix
    const generations = settled.map((r) => r.generation);
    // A snapshot never changes afterwards either.
    for (const r of settled) expect(generationOf(r.c)).toBe(r.generation);
    expect(state.maxActive).toBe(1);
    expect(state.calls).toBe(refreshesCompleted);
    expect(new Set(generations)).toEqual(
      new Set(Array.from({ length: refreshesCompleted }, (_, i) => i + 1)),
    );
    for (const r of settled) expect(Object.isFrozen(r.c)).toBe(true);
  });

  it("property: any schedule of calls, clock steps, fetch successes and failures", async () => {
    type Op =
      | { kind: "call"; count: number }
      | { kind: "force" }
      | { kind: "advance"; ms: number }
      | { kind: "resolve"; lifetimeMs: number; callersDuring: number }
      | { kind: "reject" };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant("call" as const), count: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant("force" as const) }),
      fc.record({
        kind: fc.constant("advance" as const),
        ms: fc.integer({ min: 0, max: 20 * MINUTE }),
      }),
      fc.record({
        kind: fc.constant("resolve" as const),
        lifetimeMs: fc.integer({ min: MINUTE, max: 60 * MINUTE }),
        callersDuring: fc.integer({ min: 0, max: 6 }),
      }),
      fc.record({ kind: fc.constant("reject" as const) }),
    );

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 60 }), async (ops) => {
        const { state, provider } = harness({ retryBackoffMs: 1_000 });
        // What the provider must hold after each quiescent point.
        let model: { generation: number; expiresAt: number } | undefined;
        const expiries = new Map<number, number>();
        const outcomes: Array<Promise<unknown>> = [];
        const track = (p: Promise<Credentials>): void => {
          outcomes.push(
            p.then(
              (c) => {
                const generation = generationOf(c);
                // (a) every field from one fetch, handed out while still valid
                expect(expiries.get(generation)).toBeGreaterThan(state.clock);
                return generation;
              },
              (error: unknown) => {
                if (error instanceof CredentialsError) return "error";
                throw error;
              },
            ),
          );
        };

        for (const step of ops) {
          if (step.kind === "call") {
            for (let i = 0; i < step.count; i++) {
              const p = provider.getCredentials();
              // (c) still-valid credentials are served at once, whatever a refresh does
              if (model !== undefined && state.clock < model.expiresAt) {
                const r = await peek(p);
                expect(r.status).toBe("fulfilled");
                if (r.status === "fulfilled") expect(generationOf(r.value)).toBe(model.generation);
              }
              track(p);
            }
          } else if (step.kind === "force") {
            track(provider.getCredentials({ forceRefresh: true }));
          } else if (step.kind === "advance") {
            state.clock += step.ms;
          } else if (step.kind === "resolve") {
            const pending = state.pending[0];
            if (pending !== undefined) {
              expiries.set(pending.generation, state.clock + step.lifetimeMs);
              pending.resolve(step.lifetimeMs);
              // Callers arriving while the outcome is being published.
              for (let i = 0; i < step.callersDuring; i++) {
                track(provider.getCredentials());
                await Promise.resolve();
              }
              model = { generation: pending.generation, expiresAt: state.clock + step.lifetimeMs };
            }
          } else {
            state.pending[0]?.reject(new Error("sts unavailable"));
          }
          await flush();
          // (b) never two fetches at once
          expect(state.pending.length).toBeLessThanOrEqual(1);
        }
        // Let everything finish.
        while (state.pending.length > 0) {
          const pending = state.pending[0]!;
          expiries.set(pending.generation, state.clock + 15 * MINUTE);
          pending.resolve(15 * MINUTE);
          await flush();
        }
        await Promise.all(outcomes);
        expect(state.maxActive).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe("refreshingCredentials: failures", () => {
  it("keeps serving still-valid credentials when a refresh fails, and retries after a backoff", async () => {
    const { state, provider } = harness({ retryBackoffMs: 1_000 });
    const first = provider.getCredentials();
    state.pending[0]?.resolve(15 * MINUTE);
    const old = await first;

    state.clock += 11 * MINUTE;
    expect(await provider.getCredentials()).toBe(old); // starts refresh 2
    state.pending[0]?.reject(new Error("sts unavailable"));
    await flush();

    // Within the backoff: old credentials, no new fetch.
    expect(await provider.getCredentials()).toBe(old);
    state.clock += 999;
    expect(await provider.getCredentials()).toBe(old);
    expect(state.calls).toBe(2);

    // After the backoff: one more try, still serving the old ones meanwhile.
    state.clock += 1;
    expect(await provider.getCredentials()).toBe(old);
    expect(state.calls).toBe(3);
    state.pending[0]?.reject(new Error("sts unavailable"));
    await flush();

    // The backoff doubles.
    state.clock += 1_999;
    await provider.getCredentials();
    expect(state.calls).toBe(3);
    state.clock += 1;
    await provider.getCredentials();
    expect(state.calls).toBe(4);
    state.pending[0]?.resolve();
    await flush();
    expect(generationOf(await provider.getCredentials())).toBe(4);
  });

  it("raises a CredentialsError with the cause once no valid credentials remain", async () => {
    const { state, provider } = harness({ retryBackoffMs: 1_000 });
    const first = provider.getCredentials();
    state.pending[0]?.resolve(15 * MINUTE);
    await first;

    state.clock += 16 * MINUTE; // expired
    const waiting = provider.getCredentials();
    const cause = new Error("sts unavailable");
    await flush();
    state.pending[0]?.reject(cause);
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).cause).toBe(cause);
    expect((error as CredentialsError).message).toMatch(
      /^Credentials expired at .* and could not be refreshed: fetching failed: sts unavailable$/,
    );

    // Within the backoff: fail fast, without a fetch.
    const fast = await provider.getCredentials().catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(CredentialsError);
    expect((fast as CredentialsError).cause).toBe(cause);
    expect((fast as CredentialsError).message).toContain("next attempt in 1000 ms");
    expect(state.calls).toBe(2);

    // After it: a new fetch, which recovers.
    state.clock += 1_000;
    const recovered = provider.getCredentials();
    await flush();
    expect(state.calls).toBe(3);
    state.pending[0]?.resolve();
    expect(generationOf(await recovered)).toBe(3);
  });

  it("fails every waiting caller when the first fetch fails", async () => {
    const { state, provider } = harness();
    const waiting = Array.from({ length: 10 }, () => provider.getCredentials());
    await flush();
    state.pending[0]?.reject(new Error("denied"));
    const errors = await Promise.all(waiting.map((p) => p.catch((e: unknown) => e)));
    for (const e of errors) {
      expect(e).toBeInstanceOf(CredentialsError);
      expect((e as Error).message).toBe("Could not get credentials: fetching failed: denied");
    }
    expect(state.calls).toBe(1);
  });

  it("fails a forced refresh whose fetch fails, but keeps serving the valid credentials", async () => {
    const { state, provider } = harness();
    const first = provider.getCredentials();
    state.pending[0]?.resolve();
    const old = await first;
    const forced = provider.getCredentials({ forceRefresh: true });
    await flush();
    state.pending[0]?.reject(new Error("denied"));
    const error = await forced.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toBe(
      "Forced credentials refresh failed: fetching failed: denied",
    );
    expect(await provider.getCredentials()).toBe(old);
  });

  it("rejects fetched credentials that are invalid or already expired", async () => {
    const invalid = refreshingCredentials({
      fetch: async () => ({ accessKeyId: "LTAI5tExampleKeyabcd", accessKeySecret: " x" }),
    });
    const e1 = await invalid.getCredentials().catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(CredentialsError);
    expect((e1 as CredentialsError).cause).toBeInstanceOf(ValidationError);
    expect((e1 as Error).message).toContain("accessKeySecret");

    const expired = refreshingCredentials({
      fetch: async () => ({
        accessKeyId: "LTAI5tExampleKeyabcd",
        accessKeySecret: "x",
        expiration: "2000-01-01T00:00:00Z",
      }),
    });
    const e2 = await expired.getCredentials().catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(CredentialsError);
    expect((e2 as Error).message).toContain("already expired");
  });

  it("handles a fetch that throws synchronously", async () => {
    const provider = refreshingCredentials({
      fetch: () => {
        throw new Error("sync boom");
      },
    });
    await expect(provider.getCredentials()).rejects.toThrow(/fetching failed: sync boom/);
  });

  it("times out a hung fetch and aborts its signal", async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    const provider = refreshingCredentials({
      fetch: (signal) => {
        seen = signal;
        return new Promise(() => {});
      },
      fetchTimeoutMs: 1_000,
    });
    const waiting = provider.getCredentials().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await waiting;
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).cause).toBeInstanceOf(TimeoutError);
    expect(seen?.aborted).toBe(true);
  });

  it("lets one caller stop waiting without cancelling the shared fetch", async () => {
    const { state, provider } = harness();
    const controller = new AbortController();
    const impatient = provider.getCredentials({ signal: controller.signal });
    const patient = provider.getCredentials();
    await flush();
    controller.abort();
    await expect(impatient).rejects.toBeInstanceOf(AbortError);
    state.pending[0]?.resolve();
    expect(generationOf(await patient)).toBe(1);
    expect(state.calls).toBe(1);
    await expect(provider.getCredentials({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    );
  });

  it("checks its options", () => {
    expect(() => refreshingCredentials({} as RefreshingCredentialsOptions)).toThrow(
      ValidationError,
    );
    const fetch = async (): Promise<CredentialsInput> => ({
      accessKeyId: "a",
      accessKeySecret: "b",
    });
    expect(() => refreshingCredentials({ fetch, refreshBeforeExpiryMs: -1 })).toThrow(
      ValidationError,
    );
    expect(() => refreshingCredentials({ fetch, retryBackoffMs: Number.NaN })).toThrow(
      ValidationError,
    );
    expect(() =>
      refreshingCredentials({ fetch, fetchTimeoutMs: Number.POSITIVE_INFINITY }),
    ).not.toThrow();
  });
});
