import { AbortError } from "@oss-kit/errors";

/** Throws an {@link AbortError} when `signal` is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AbortError("Getting credentials was aborted", { cause: signal.reason });
  }
}

/**
 * Waits for `promise`, or rejects with an {@link AbortError} as soon as `signal` aborts. The
 * promise itself goes on: it may be shared with other callers.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(new AbortError("Getting credentials was aborted", { cause: signal.reason }));
      return;
    }
    const onAbort = (): void =>
      reject(new AbortError("Getting credentials was aborted", { cause: signal.reason }));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
