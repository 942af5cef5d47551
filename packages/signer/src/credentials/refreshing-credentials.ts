import { CredentialsError, TimeoutError, ValidationError } from "@oss-kit/errors";
import { abortable, throwIfAborted } from "./abort";
import {
  type Credentials,
  type CredentialsInput,
  createCredentials,
  expiresAtOf,
} from "./credentials";
import { denoInspect, inspectAs, nodeInspect } from "./inspect";
import { errorMessage } from "./messages";
import type { CredentialsProvider, GetCredentialsOptions } from "./provider";

/** Options of {@link refreshingCredentials}. */
export interface RefreshingCredentialsOptions {
  /**
   * Gets new credentials, e.g. from STS `AssumeRole` or your own token service. Called with a
   * signal that aborts when the fetch times out. Never called twice at once.
   */
  fetch: (signal: AbortSignal) => Promise<CredentialsInput | Credentials>;
  /**
   * How long before expiry to start a background refresh, in milliseconds; default 5 minutes.
   * For credentials that live less than twice this, the refresh starts at half their lifetime.
   */
  refreshBeforeExpiryMs?: number | undefined;
  /** How long one fetch may take, in milliseconds; default 60 seconds; `Infinity` for no limit. */
  fetchTimeoutMs?: number | undefined;
  /**
   * How long to wait after a failed fetch before trying again, in milliseconds; default 1 second,
   * doubling with each further failure up to {@link RefreshingCredentialsOptions.maxRetryBackoffMs}.
   */
  retryBackoffMs?: number | undefined;
  /** The longest wait between failed fetches, in milliseconds; default 60 seconds. */
  maxRetryBackoffMs?: number | undefined;
  /** The clock, in epoch milliseconds; default `Date.now`. For tests. */
  now?: (() => number) | undefined;
}

/** Credentials together with when to refresh them. Replaced as a whole, never changed. */
interface Snapshot {
  readonly credentials: Credentials;
  readonly expiresAt: number;
  readonly refreshAt: number;
}

/** How one fetch ended. A fetch never rejects: its failure is data. */
type Outcome =
  | { readonly ok: true; readonly snapshot: Snapshot }
  | { readonly ok: false; readonly reason: string; readonly cause: unknown };

const OPERATION = "refreshingCredentials";

function option(value: unknown, field: string, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    Number.isNaN(value) ||
    value < 0 ||
    (!allowInfinity && !Number.isFinite(value))
  ) {
    throw new ValidationError({
      field,
      rule: allowInfinity
        ? "must be a non-negative number of milliseconds or Infinity"
        : "must be a non-negative finite number of milliseconds",
      operation: OPERATION,
    });
  }
  return value;
}

class RefreshingCredentialsProvider implements CredentialsProvider {
  readonly #fetch: (signal: AbortSignal) => Promise<CredentialsInput | Credentials>;
  readonly #refreshBeforeExpiryMs: number;
  readonly #fetchTimeoutMs: number;
  readonly #retryBackoffMs: number;
  readonly #maxRetryBackoffMs: number;
  readonly #now: () => number;

  /** The credentials handed out; replaced by one assignment, never mutated. */
  #current: Snapshot | undefined;
  /** The one fetch in flight, shared by every caller. */
  #inflight: Promise<Outcome> | undefined;
  /** The last failed fetch, while no fetch has succeeded since. */
  #lastFailure: { reason: string; cause: unknown; at: number } | undefined;
  #consecutiveFailures = 0;
  /** No fetch starts before this time (backoff after failures), except by joining one. */
  #retryAt = Number.NEGATIVE_INFINITY;

  constructor(options: RefreshingCredentialsOptions) {
    if (typeof options !== "object" || options === null || typeof options.fetch !== "function") {
      throw new ValidationError({
        field: "fetch",
        rule: "must be a function",
        operation: OPERATION,
      });
    }
    if (options.now !== undefined && typeof options.now !== "function") {
      throw new ValidationError({ field: "now", rule: "must be a function", operation: OPERATION });
    }
    this.#fetch = options.fetch;
    this.#refreshBeforeExpiryMs = option(
      options.refreshBeforeExpiryMs,
      "refreshBeforeExpiryMs",
      5 * 60_000,
    );
    this.#fetchTimeoutMs = option(options.fetchTimeoutMs, "fetchTimeoutMs", 60_000, true);
    this.#retryBackoffMs = option(options.retryBackoffMs, "retryBackoffMs", 1_000);
    this.#maxRetryBackoffMs = option(options.maxRetryBackoffMs, "maxRetryBackoffMs", 60_000);
    this.#now = options.now ?? Date.now;
    Object.freeze(this);
  }

  async getCredentials(options: GetCredentialsOptions = {}): Promise<Credentials> {
    const { signal, forceRefresh = false } = options;
    throwIfAborted(signal);
    const now = this.#now();
    const current = this.#current;

    if (!forceRefresh && current !== undefined && now < current.expiresAt) {
      // Valid: hand them out at once; refresh in the background when due.
      if (now >= current.refreshAt && this.#inflight === undefined && now >= this.#retryAt) {
        void this.#startFetch();
      }
      return current.credentials;
    }

    // No valid credentials (or a forced refresh): wait for a fetch, joining the one in flight.
    let inflight = this.#inflight;
    if (inflight === undefined) {
      const failure = this.#lastFailure;
      if (failure !== undefined && now < this.#retryAt) {
        throw new CredentialsError(
          `${this.#context(current, now, forceRefresh)}: the last fetch failed ${Math.max(0, now - failure.at)} ms ago (${failure.reason}); next attempt in ${this.#retryAt - now} ms`,
          { cause: failure.cause, operation: OPERATION },
        );
      }
      inflight = this.#startFetch();
    }
    const outcome = await abortable(inflight, signal);
    if (outcome.ok) return outcome.snapshot.credentials;
    throw new CredentialsError(`${this.#context(current, now, forceRefresh)}: ${outcome.reason}`, {
      cause: outcome.cause,
      operation: OPERATION,
    });
  }

  #context(current: Snapshot | undefined, now: number, forceRefresh: boolean): string {
    if (current !== undefined && now < current.expiresAt && forceRefresh) {
      return "Forced credentials refresh failed";
    }
    if (current !== undefined) {
      return `Credentials expired at ${new Date(current.expiresAt).toISOString()} and could not be refreshed`;
    }
    return "Could not get credentials";
  }

  /** Starts the one fetch and publishes its outcome before any waiting caller resumes. */
  #startFetch(): Promise<Outcome> {
    const inflight = this.#runFetch().then((outcome) => {
      // One synchronous block: the snapshot and the bookkeeping change together.
      this.#inflight = undefined;
      if (outcome.ok) {
        this.#current = outcome.snapshot;
        this.#lastFailure = undefined;
        this.#consecutiveFailures = 0;
        this.#retryAt = Number.NEGATIVE_INFINITY;
      } else {
        const at = this.#now();
        this.#consecutiveFailures += 1;
        const backoff = Math.min(
          this.#maxRetryBackoffMs,
          this.#retryBackoffMs * 2 ** (this.#consecutiveFailures - 1),
        );
        this.#lastFailure = { reason: outcome.reason, cause: outcome.cause, at };
        this.#retryAt = at + backoff;
      }
      return outcome;
    });
    this.#inflight = inflight;
    return inflight;
  }

  async #runFetch(): Promise<Outcome> {
    const known = this.#current?.credentials;
    const secrets = [known?.accessKeySecret, known?.securityToken];
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let input: CredentialsInput | Credentials;
    try {
      const fetched = Promise.resolve(this.#fetch(controller.signal));
      const limit = this.#fetchTimeoutMs;
      input = Number.isFinite(limit)
        ? await Promise.race([
            fetched,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                const error = new TimeoutError("total", limit, { operation: OPERATION });
                controller.abort(error);
                reject(error);
              }, limit);
            }),
          ])
        : await fetched;
    } catch (error) {
      return {
        ok: false,
        reason: `fetching failed: ${errorMessage(error, secrets)}`,
        cause: error,
      };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }

    let credentials: Credentials;
    try {
      credentials = createCredentials(input);
    } catch (error) {
      return {
        ok: false,
        reason: `the fetched credentials are invalid: ${errorMessage(error)}`,
        cause: error,
      };
    }
    const fetchedAt = this.#now();
    const expiresAt = expiresAtOf(credentials);
    if (expiresAt <= fetchedAt) {
      return {
        ok: false,
        reason: `the fetched credentials had already expired (at ${new Date(expiresAt).toISOString()}; is the clock right?)`,
        cause: undefined,
      };
    }
    const refreshAt =
      expiresAt - Math.min(this.#refreshBeforeExpiryMs, (expiresAt - fetchedAt) / 2);
    return { ok: true, snapshot: Object.freeze({ credentials, expiresAt, refreshAt }) };
  }

  toJSON(): object {
    const current = this.#current;
    return {
      provider: "refreshing",
      credentials: current === undefined ? null : current.credentials,
      refreshing: this.#inflight !== undefined,
      consecutiveFailures: this.#consecutiveFailures,
    };
  }

  toString(): string {
    return `RefreshingCredentialsProvider ${JSON.stringify(this.toJSON())}`;
  }

  [nodeInspect](depth: unknown, options: unknown, inspect: unknown): string {
    return inspectAs("RefreshingCredentialsProvider", this.toJSON(), depth, options, inspect);
  }

  [denoInspect](): string {
    return this.toString();
  }
}

/**
 * A provider of temporary credentials (STS) that refreshes them before they expire.
 *
 * - **One fetch at a time.** Callers that arrive during a fetch share it.
 * - **Ahead of expiry.** Within `refreshBeforeExpiryMs` of expiry a call starts a background
 *   refresh and still returns the current credentials at once; callers only wait when no valid
 *   credentials are left. Credentials without `expiration` are never refreshed, except by
 *   `forceRefresh`.
 * - **Failures.** A failed refresh keeps serving the still-valid credentials and is retried on a
 *   later call after a backoff (1 s, doubling, at most 60 s). A `CredentialsError` (with the
 *   failure as `cause`) is raised only when no valid credentials remain, or when a
 *   `forceRefresh` call's fetch fails (during the backoff, such a call fails at once with the
 *   last failure).
 * - **Consistent snapshots.** Each fetch yields one frozen object that replaces the previous one
 *   in a single assignment: a caller can never see the ID of one generation with the secret or
 *   token of another (the race of ali-oss issues #1363 and #1391).
 *
 * @throws {ValidationError} when `fetch` is not a function or a duration is invalid.
 *
 * @example
 * ```ts
 * const provider = refreshingCredentials({
 *   async fetch(signal) {
 *     const response = await fetch("https://sts.example.com/token", { signal });
 *     const { Credentials: c } = await response.json();
 *     return {
 *       accessKeyId: c.AccessKeyId,
 *       accessKeySecret: c.AccessKeySecret,
 *       securityToken: c.SecurityToken,
 *       expiration: c.Expiration,
 *     };
 *   },
 * });
 * ```
 */
export function refreshingCredentials(options: RefreshingCredentialsOptions): CredentialsProvider {
  return new RefreshingCredentialsProvider(options);
}
