import { createHash, randomUUID } from "node:crypto";
import {
  type AcquireOptions,
  type Checkpoint,
  type CheckpointLease,
  CheckpointLockedError,
  type CheckpointStore,
  decodeCheckpoint,
  encodeCheckpoint,
} from "@oss-kit/upload";
import { type RedisCommander, toRedisCommander } from "./adapter";

/** Options of {@link RedisCheckpointStore}. */
export interface RedisCheckpointStoreOptions {
  /** An `ioredis` client, a node-redis v4/v5 client, or a {@link RedisCommander}. */
  readonly client: unknown;
  /** Prefix of every key; default `"oss-kit:upload:"`. */
  readonly prefix?: string | undefined;
  /** Lifetime of a checkpoint after its last write, in seconds; default 7 days. */
  readonly ttlSeconds?: number | undefined;
}

/** Renews a lease held by `ARGV[1]`, or takes it back if it lapsed and nobody took it. */
const RENEW = `local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

/** Deletes a lease only if `ARGV[1]` still holds it. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Checkpoints in Redis, shared by every machine that talks to the same server, so an upload
 * interrupted on one machine can be finished on another (same bucket, key, source content and
 * checkpoint id). Keys: `<prefix>cp:<sha256(id)>` holds the encoded checkpoint with a TTL
 * renewed on every write; `<prefix>lease:<sha256(id)>` the lease, taken with
 * `SET … NX PX`, renewed and released with compare-and-set Lua scripts.
 */
export class RedisCheckpointStore implements CheckpointStore {
  readonly #redis: RedisCommander;
  readonly prefix: string;
  readonly ttlSeconds: number;

  constructor(options: RedisCheckpointStoreOptions) {
    this.#redis = toRedisCommander(options.client);
    this.prefix = options.prefix ?? "oss-kit:upload:";
    const ttl = options.ttlSeconds ?? 7 * 24 * 3600;
    if (!Number.isSafeInteger(ttl) || ttl < 1)
      throw new TypeError("ttlSeconds must be an integer ≥ 1");
    this.ttlSeconds = ttl;
  }

  #hash(id: string): string {
    if (typeof id !== "string" || id === "")
      throw new TypeError("checkpoint id must be a non-empty string");
    return createHash("sha256").update(id).digest("hex");
  }

  /** The Redis key holding the checkpoint of `id`. */
  keyOf(id: string): string {
    return `${this.prefix}cp:${this.#hash(id)}`;
  }

  /** The Redis key holding the lease of `id`. */
  leaseKeyOf(id: string): string {
    return `${this.prefix}lease:${this.#hash(id)}`;
  }

  async get(id: string): Promise<Checkpoint | undefined> {
    const text = await this.#redis.command(["GET", this.keyOf(id)]);
    if (text === null || text === undefined) return undefined;
    return decodeCheckpoint(String(text));
  }

  async put(id: string, checkpoint: Checkpoint): Promise<void> {
    const text = await encodeCheckpoint(checkpoint);
    await this.#redis.command(["SET", this.keyOf(id), text, "EX", String(this.ttlSeconds)]);
  }

  async delete(id: string): Promise<void> {
    await this.#redis.command(["DEL", this.keyOf(id)]);
  }

  async acquire(id: string, options: AcquireOptions): Promise<CheckpointLease> {
    const key = this.leaseKeyOf(id);
    const token = randomUUID();
    const ttl = String(Math.max(1, Math.ceil(options.ttlMs)));
    const reply = await this.#redis.command(["SET", key, token, "NX", "PX", ttl]);
    if (reply === null || reply === undefined) throw new CheckpointLockedError(id);
    return {
      id,
      renew: async () => {
        const ok = await this.#redis.command(["EVAL", RENEW, "1", key, token, ttl]);
        if (Number(ok) !== 1) throw new CheckpointLockedError(id);
      },
      release: async () => {
        await this.#redis.command(["EVAL", RELEASE, "1", key, token]);
      },
    };
  }
}
