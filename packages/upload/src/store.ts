import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from "./checkpoint";
import { CheckpointLockedError } from "./errors";

/** Options of {@link CheckpointStore.acquire}. */
export interface AcquireOptions {
  /** How long the lease lasts without a renewal, in milliseconds. */
  readonly ttlMs: number;
}

/**
 * An exclusive, expiring right to drive one upload. The holder renews it well before `ttlMs`
 * runs out and releases it when done; a lease that is not renewed expires, so a crashed
 * driver's upload can be taken over.
 */
export interface CheckpointLease {
  /** The checkpoint id the lease is for. */
  readonly id: string;
  /**
   * Extends the lease by its TTL.
   *
   * @throws {@link CheckpointLockedError} when the lease expired and another driver took it.
   */
  renew(): Promise<void>;
  /** Gives the lease up (only if still held by this lease; idempotent). */
  release(): Promise<void>;
}

/**
 * Where checkpoints live: in memory ({@link MemoryCheckpointStore}), on disk (`FsCheckpointStore`
 * of `@oss-kit/upload/fs`) or in Redis (`@oss-kit/checkpoint-redis`). Stores keep the text of
 * {@link encodeCheckpoint}, so a corrupt or tampered entry is detected on `get`.
 */
export interface CheckpointStore {
  /**
   * The checkpoint stored under `id`, or `undefined`.
   *
   * @throws `CheckpointCorruptError` when the stored data fails its integrity check.
   */
  get(id: string): Promise<Checkpoint | undefined>;
  /** Stores (replaces) the checkpoint under `id`. */
  put(id: string, checkpoint: Checkpoint): Promise<void>;
  /** Deletes the checkpoint under `id` (no error when absent). */
  delete(id: string): Promise<void>;
  /**
   * Takes the lease on `id`.
   *
   * @throws {@link CheckpointLockedError} when another unexpired lease holds it.
   */
  acquire(id: string, options: AcquireOptions): Promise<CheckpointLease>;
}

/** A random token naming one lease holder. */
export function leaseToken(): string {
  return globalThis.crypto.randomUUID();
}

/** Checks a checkpoint id: a non-empty string of at most 1024 characters. */
export function validateCheckpointId(id: unknown): asserts id is string {
  if (typeof id !== "string" || id === "" || id.length > 1024) {
    throw new TypeError("checkpoint id must be a non-empty string of at most 1024 characters");
  }
}

/**
 * Checkpoints in this process's memory: for tests, and for resuming after an error or a
 * `pause()` within one process. Entries are kept encoded, exactly as the other stores keep them.
 */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly #data = new Map<string, string>();
  readonly #leases = new Map<string, { token: string; expires: number }>();

  async get(id: string): Promise<Checkpoint | undefined> {
    validateCheckpointId(id);
    const text = this.#data.get(id);
    return text === undefined ? undefined : decodeCheckpoint(text);
  }

  async put(id: string, checkpoint: Checkpoint): Promise<void> {
    validateCheckpointId(id);
    this.#data.set(id, await encodeCheckpoint(checkpoint));
  }

  async delete(id: string): Promise<void> {
    validateCheckpointId(id);
    this.#data.delete(id);
  }

  async acquire(id: string, options: AcquireOptions): Promise<CheckpointLease> {
    validateCheckpointId(id);
    const held = this.#leases.get(id);
    if (held !== undefined && held.expires > Date.now()) throw new CheckpointLockedError(id);
    const token = leaseToken();
    this.#leases.set(id, { token, expires: Date.now() + options.ttlMs });
    return {
      id,
      renew: async () => {
        const current = this.#leases.get(id);
        if (current?.token !== token && current !== undefined && current.expires > Date.now()) {
          throw new CheckpointLockedError(id);
        }
        this.#leases.set(id, { token, expires: Date.now() + options.ttlMs });
      },
      release: async () => {
        if (this.#leases.get(id)?.token === token) this.#leases.delete(id);
      },
    };
  }

  /** The raw stored text under `id` (for inspection and tests). */
  raw(id: string): string | undefined {
    return this.#data.get(id);
  }

  /** Replaces the raw stored text under `id` (for tests: simulate corruption). */
  setRaw(id: string, text: string): void {
    this.#data.set(id, text);
  }
}
