import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { describeCheckpointStore } from "../../upload/test/checkpoint-contract";
import { fromIoredis, fromNodeRedis, RedisCheckpointStore, toRedisCommander } from "../src/index";

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `oss-kit-test:${randomUUID()}:`;

async function connectIoredis(): Promise<Redis | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    if (process.env.CI)
      throw new Error(`Redis at ${url} is unreachable (required in CI)`, { cause: error });
    console.warn(
      `\n!!! Redis at ${url} is unreachable: SKIPPING the Redis checkpoint store tests !!!\n`,
    );
    return undefined;
  }
}

const io = await connectIoredis();
const node =
  io === undefined ? undefined : createClient({ url, socket: { reconnectStrategy: false } });
node?.on("error", () => {});
await node?.connect();

afterAll(async () => {
  if (io !== undefined) {
    const keys = await io.keys(`${prefix}*`);
    if (keys.length > 0) await io.del(...keys);
    io.disconnect();
  }
  await node?.close();
});

for (const [name, adapt] of [
  ["ioredis", () => fromIoredis(io as Redis)],
  ["node-redis", () => fromNodeRedis(node as unknown as Parameters<typeof fromNodeRedis>[0])],
] as const) {
  describeCheckpointStore(
    `redis (${name})`,
    async () => {
      const store = new RedisCheckpointStore({
        client: adapt(),
        prefix: `${prefix}${name}:`,
        ttlSeconds: 60,
      });
      const redis = adapt();
      return {
        store,
        raw: async (id) =>
          ((await redis.command(["GET", store.keyOf(id)])) as string | null) ?? undefined,
        setRaw: async (id, text) => {
          await redis.command(["SET", store.keyOf(id), text]);
        },
      };
    },
    { skip: io === undefined },
  );
}

describe.skipIf(io === undefined)("RedisCheckpointStore", () => {
  it("detects the client kind, namespaces keys and sets a TTL on every write", async () => {
    const viaIo = new RedisCheckpointStore({
      client: io,
      prefix: `${prefix}ttl:`,
      ttlSeconds: 120,
    });
    const viaNode = new RedisCheckpointStore({
      client: node,
      prefix: `${prefix}ttl:`,
      ttlSeconds: 120,
    });
    const { sampleCheckpoint } = await import("../../upload/test/checkpoint-contract");
    await viaIo.put("job", sampleCheckpoint());
    // One store, two clients: what one machine wrote, another reads.
    expect((await viaNode.get("job"))?.uploadId).toBe("UPLOAD-1");
    expect(viaIo.keyOf("job").startsWith(`${prefix}ttl:cp:`)).toBe(true);
    const ttl = await (io as Redis).ttl(viaIo.keyOf("job"));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    const lease = await viaIo.acquire("job", { ttlMs: 5000 });
    const pttl = await (io as Redis).pttl(viaIo.leaseKeyOf("job"));
    expect(pttl).toBeGreaterThan(0);
    await lease.release();
    expect(await (io as Redis).exists(viaIo.leaseKeyOf("job"))).toBe(0);
  });

  it("rejects what is not a Redis client", () => {
    expect(() => toRedisCommander({})).toThrow(TypeError);
    expect(() => new RedisCheckpointStore({ client: io, ttlSeconds: 0 })).toThrow(TypeError);
  });
});
