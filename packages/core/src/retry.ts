import {
  AbortError,
  ChecksumMismatchError,
  RequestError,
  ServiceError,
  ValidationError,
} from "@oss-kit/errors";

/** Decides whether and when a failed attempt is tried again. Replace it to change the policy. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Whether `error`, from attempt number `attempt` (1-based), deserves another attempt. */
  shouldRetry(error: unknown, attempt: number): boolean;
  /** Milliseconds to wait before attempt `attempt + 1`. */
  delayMs(error: unknown, attempt: number): number;
}

/** Options of {@link standardRetryPolicy}. */
export interface StandardRetryOptions {
  /** Attempts in all; default 3. 1 disables retries. */
  maxAttempts?: number | undefined;
  /** The backoff base in milliseconds; default 200. */
  baseDelayMs?: number | undefined;
  /** The longest wait in milliseconds; default 20 000. */
  maxDelayMs?: number | undefined;
  /** The random source in [0, 1), for tests; default `Math.random`. */
  random?: (() => number) | undefined;
}

/**
 * Whether an error is worth retrying: server errors (5xx), 408, 429, `RequestTimeTooSkewed`,
 * connection failures and timeouts, and checksum mismatches. Never a cancellation or bad input.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof AbortError || error instanceof ValidationError) return false;
  if (error instanceof ServiceError) {
    return (
      error.statusCode >= 500 ||
      error.statusCode === 408 ||
      error.statusCode === 429 ||
      error.code === "RequestTimeTooSkewed"
    );
  }
  return error instanceof RequestError || error instanceof ChecksumMismatchError;
}

/** Seconds or an HTTP date in `Retry-After`, as milliseconds from now. */
function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof ServiceError)) return undefined;
  const value = error.headers["retry-after"];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function positive(value: unknown, field: string, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < (integer ? 1 : 0) ||
    (integer && !Number.isInteger(value))
  ) {
    throw new ValidationError({
      field: `retry.${field}`,
      rule: integer ? "must be a whole number ≥ 1" : "must be a finite number ≥ 0",
    });
  }
  return value;
}

/**
 * The standard policy: up to 3 attempts, full-jitter exponential backoff
 * (`random(0, min(maxDelay, base × 2^attempt))`), at least what a `Retry-After` header asks
 * (capped at `maxDelayMs`), retrying what {@link isRetryable} accepts.
 */
export function standardRetryPolicy(options: StandardRetryOptions = {}): RetryPolicy {
  const maxAttempts = positive(options.maxAttempts, "maxAttempts", 3, true);
  const base = positive(options.baseDelayMs, "baseDelayMs", 200);
  const cap = positive(options.maxDelayMs, "maxDelayMs", 20_000);
  const random = options.random ?? Math.random;
  return {
    maxAttempts,
    shouldRetry: (error, attempt) => attempt < maxAttempts && isRetryable(error),
    delayMs(error, attempt) {
      const jitter = random() * Math.min(cap, base * 2 ** attempt);
      const asked = retryAfterMs(error);
      return Math.min(cap, Math.max(jitter, asked ?? 0));
    },
  };
}

/** Waits `ms`, or rejects with an {@link AbortError} when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError("The operation was aborted", { cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError("The operation was aborted", { cause: signal?.reason }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
