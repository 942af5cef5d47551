import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from "./checkpoint";
import { CheckpointLockedError } from "./errors";
import {
  type AcquireOptions,
  type CheckpointLease,
  type CheckpointStore,
  validateCheckpointId,
} from "./store";

/** Options of {@link FsCheckpointStore}. */
export interface FsCheckpointStoreOptions {
  /** The directory holding the checkpoints (created, mode 0700, if missing). */
  readonly directory: string;
}

/**
 * Checkpoints as files in one directory. A file's name is the SHA-256 of the checkpoint id, so
 * no id can name a file outside the directory. Writes are atomic (temp file, `fsync`, rename;
 * mode 0600). The lease is a lock file created with `O_EXCL` (`wx`) holding a token and an
 * expiry time; a lock whose expiry passed is stale and is taken over.
 */
export class FsCheckpointStore implements CheckpointStore {
  readonly directory: string;
  #ready: Promise<void> | undefined;

  constructor(options: FsCheckpointStoreOptions) {
    this.directory = resolve(options.directory);
  }

  #ensure(): Promise<void> {
    this.#ready ??= mkdir(this.directory, { recursive: true, mode: 0o700 }).then(() => {});
    return this.#ready;
  }

  /** The checkpoint file of an id. */
  pathOf(id: string): string {
    validateCheckpointId(id);
    return join(this.directory, `${createHash("sha256").update(id).digest("hex")}.ckpt`);
  }

  async get(id: string): Promise<Checkpoint | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(id), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    return decodeCheckpoint(text);
  }

  async #writeAtomic(path: string, text: string, exclusive = false): Promise<void> {
    await this.#ensure();
    if (exclusive) {
      const handle = await open(path, "wx", 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return;
    }
    const temp = `${path}.${randomUUID()}.tmp`;
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async put(id: string, checkpoint: Checkpoint): Promise<void> {
    await this.#writeAtomic(this.pathOf(id), await encodeCheckpoint(checkpoint));
  }

  async delete(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }

  async #readLock(path: string): Promise<{ token: string; expires: number } | undefined> {
    try {
      const parsed = JSON.parse(await readFile(path, "utf8")) as {
        token?: unknown;
        expires?: unknown;
      };
      if (typeof parsed.token === "string" && typeof parsed.expires === "number") {
        return { token: parsed.token, expires: parsed.expires };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    }
    // An unreadable lock file: treat it as stale once it is older than a minute.
    try {
      const info = await stat(path);
      return { token: "", expires: info.mtimeMs + 60_000 };
    } catch {
      return undefined;
    }
  }

  async acquire(id: string, options: AcquireOptions): Promise<CheckpointLease> {
    const lock = `${this.pathOf(id)}.lock`;
    const token = randomUUID();
    const body = () =>
      JSON.stringify({ token, expires: Date.now() + options.ttlMs, pid: process.pid });
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#writeAtomic(lock, body(), true);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const held = await this.#readLock(lock);
        if (attempt > 2 || (held !== undefined && held.expires > Date.now())) {
          throw new CheckpointLockedError(id);
        }
        // Stale: take it over. Renaming it aside first means only one taker wins the unlink.
        const aside = `${lock}.${token}.stale`;
        try {
          await rename(lock, aside);
          await unlink(aside);
        } catch {
          // Someone else removed it; try again.
        }
      }
    }
    return {
      id,
      renew: async () => {
        const held = await this.#readLock(lock);
        if (held !== undefined && held.token !== token) throw new CheckpointLockedError(id);
        await this.#writeAtomic(lock, body());
      },
      release: async () => {
        const held = await this.#readLock(lock);
        if (held?.token === token) await rm(lock, { force: true });
      },
    };
  }
}
