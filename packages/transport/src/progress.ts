import { RequestError } from "@oss-kit/errors";
import type { TransferProgress } from "./types";

/**
 * Counts the bytes of one direction and reports them to a progress callback. A callback that throws
 * fails the request with a `RequestError` whose `cause` is what it threw (through `onError`).
 */
export class ProgressCounter {
  loaded = 0;
  readonly #total: number | undefined;
  readonly #callback: ((progress: TransferProgress) => void) | undefined;
  readonly #onError: (error: RequestError) => void;
  readonly #name: string;
  #reported = false;

  constructor(
    name: string,
    callback: ((progress: TransferProgress) => void) | undefined,
    total: number | undefined,
    onError: (error: RequestError) => void,
  ) {
    this.#name = name;
    this.#callback = callback;
    this.#total = total;
    this.#onError = onError;
  }

  /** Adds `bytes` and reports. */
  add(bytes: number): void {
    this.loaded += bytes;
    this.#report();
  }

  /** Reports the final count, unless a report was already made for it (e.g. an empty body). */
  finish(): void {
    if (!this.#reported) this.#report();
  }

  /** Reports `loaded = total = length` at once: for transfers a platform does not let us watch. */
  complete(length: number): void {
    this.loaded = length;
    this.#report();
  }

  #report(): void {
    this.#reported = true;
    if (this.#callback === undefined) return;
    try {
      this.#callback({ loaded: this.loaded, total: this.#total ?? undefined });
    } catch (error) {
      this.#onError(new RequestError(`${this.#name} threw`, { cause: error }));
    }
  }
}
