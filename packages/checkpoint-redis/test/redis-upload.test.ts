import { randomUUID } from "node:crypto";
import { uploadObject } from "@oss-kit/upload";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeOss, multipartClient, ossClient, randomBytes } from "../../upload/test/fake-oss";
import { RedisCheckpointStore } from "../src/index";

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `oss-kit-test:${randomUUID()}:`;

async function connect(): Promise<Redis | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    if (process.env.CI)
      throw new Error(`Redis at ${url} is unreachable (required in CI)`, { cause: error });
    console.warn(`\n!!! Redis at ${url} is unreachable: SKIPPING the Redis upload tests !!!\n`);
    return undefined;
  }
}

const io = await connect();
const fake = new FakeOss();
beforeAll(() => fake.listen());
afterEach(() => fake.reset());
afterAll(async () => {
  fake.close();
  if (io !== undefined) {
    const keys = await io.keys(`${prefix}*`);
    if (keys.length > 0) await io.del(...keys);
    io.disconnect();
  }
});

describe.skipIf(io === undefined)("uploads with a Redis checkpoint store", () => {
  it("an upload interrupted on one machine (ioredis) is finished on another (node-redis)", async () => {
    const P = 100 * 1024;
    const data = randomBytes(6 * P + 1, 42);
    const machineA = new RedisCheckpointStore({ client: io, prefix });
    const client = multipartClient(ossClient());
    const options = {
      client,
      bucket: "examplebucket",
      key: "shared.bin",
      partSize: P,
      concurrency: 7,
    };
    fake.failing = new Set([2, 5]);
    await expect(
      uploadObject({ ...options, source: data, checkpoint: { store: machineA, id: "job" } }).done(),
    ).rejects.toThrow();
    fake.failing = new Set();
    expect((await machineA.get("job"))?.parts.map((p) => p.number)).toEqual([1, 3, 4, 6, 7]);

    const node = createClient({ url, socket: { reconnectStrategy: false } });
    await node.connect();
    try {
      const machineB = new RedisCheckpointStore({ client: node, prefix });
      const sent = new Map(fake.partBytes);
      const result = await uploadObject({
        ...options,
        source: data,
        checkpoint: { store: machineB, id: "job" },
      }).done();
      expect(result.reusedParts).toBe(5);
      for (const n of [1, 3, 4, 6, 7]) expect(fake.partBytes.get(n)).toBe(sent.get(n));
      expect(
        Buffer.compare(fake.object("examplebucket", "shared.bin") ?? new Uint8Array(), data),
      ).toBe(0);
      expect(await machineB.get("job")).toBeUndefined();
    } finally {
      await node.close();
    }
  });
});
