import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { crc64, formatCrc64 } from "@oss-kit/crc64";
import { AbortError, ChecksumMismatchError, ValidationError } from "@oss-kit/errors";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../src/fs";
import {
  CheckpointLockedError,
  type CheckpointStore,
  MemoryCheckpointStore,
  type UploadEvent,
  type UploadOptions,
  type UploadProgress,
  uploadObject,
} from "../src/index";
import { credentials, FakeOss, multipartClient, ossClient, randomBytes } from "./fake-oss";

const fake = new FakeOss();
beforeAll(() => fake.listen());
afterEach(() => fake.reset());
afterAll(() => fake.close());

const P = 100 * 1024;
const bucket = "examplebucket";
let client: ReturnType<typeof multipartClient>;
beforeAll(() => {
  client = multipartClient(ossClient());
});
const base = (
  source: UploadOptions["source"],
  extra: Partial<UploadOptions> = {},
): UploadOptions => ({
  client,
  bucket,
  key: "dir/object.bin",
  source,
  partSize: P,
  concurrency: 3,
  ...extra,
});
const crcOf = (data: Uint8Array) => formatCrc64(crc64(data));
/** Compares the stored object with the expected bytes (vitest's deep equality is slow on MBs). */
function expectObject(key: string, expected: Uint8Array): void {
  const actual = fake.object(bucket, key);
  expect(actual?.byteLength).toBe(expected.byteLength);
  expect(Buffer.compare(actual ?? new Uint8Array(0), expected)).toBe(0);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (e: unknown) => e,
  );
}

describe("uploadObject: sources", () => {
  it("sends a source of at most one part as one PutObject, with the object headers", async () => {
    const data = randomBytes(P - 10);
    const result = await uploadObject(
      base(data, { contentType: "text/plain", metadata: { owner: "me" }, tags: { a: "1" } }),
    ).done();
    expect(fake.calls).toEqual(["PutObject"]);
    expectObject("dir/object.bin", data);
    expect(fake.objects.get(`${bucket}/dir/object.bin`)?.headers["x-oss-meta-owner"]).toBe("me");
    expect(result).toMatchObject({
      uploadId: undefined,
      parts: 1,
      size: data.byteLength,
      crc64: crcOf(data),
    });
  });

  it("uploads a Uint8Array in parallel parts and checks the whole-object CRC", async () => {
    const data = randomBytes(5 * P + 123);
    const events: UploadEvent[] = [];
    const result = await uploadObject(
      base(data, { metadata: { k: "v" }, storageClass: "IA", onEvent: (e) => events.push(e) }),
    ).done();
    expectObject("dir/object.bin", data);
    expect(result).toMatchObject({
      parts: 6,
      reusedParts: 0,
      size: data.byteLength,
      crc64: crcOf(data),
    });
    expect(fake.calls[0]).toBe("InitiateMultipartUpload");
    expect(fake.calls.at(-1)).toBe("CompleteMultipartUpload");
    expect(events.filter((e) => e.type === "part")).toHaveLength(6);
    const init = [...fake.objects.values()][0]?.headers ?? {};
    expect(init["x-oss-meta-k"]).toBe("v");
    expect(init["x-oss-storage-class"]).toBe("IA");
  });

  it("uploads an ArrayBuffer, a string and a Blob", async () => {
    const data = randomBytes(3 * P + 7, 2);
    await uploadObject(base(data.slice().buffer, { key: "ab" })).done();
    expectObject("ab", data);
    await uploadObject(base(new Blob([data]), { key: "blob" })).done();
    expectObject("blob", data);
    const text = "x".repeat(2 * P + 5);
    await uploadObject(base(text, { key: "text" })).done();
    expect(new TextDecoder().decode(fake.object(bucket, "text"))).toBe(text);
  });

  it("uploads a Node Readable", async () => {
    const data = randomBytes(4 * P + 99, 3);
    const chunks = Array.from({ length: Math.ceil(data.byteLength / 10000) }, (_, i) =>
      Buffer.from(data.subarray(i * 10000, (i + 1) * 10000)),
    );
    const result = await uploadObject(base(Readable.from(chunks))).done();
    expectObject("dir/object.bin", data);
    expect(result.parts).toBe(5);
  });

  it("uploads a web ReadableStream of unknown length, and a short stream as one PutObject", async () => {
    const data = randomBytes(3 * P, 4); // an exact multiple: no empty last part
    const result = await uploadObject(base(new Blob([data]).stream())).done();
    expectObject("dir/object.bin", data);
    expect(result.parts).toBe(3);
    fake.reset();
    const small = randomBytes(P / 2, 5);
    await uploadObject(base(new Blob([small]).stream())).done();
    expect(fake.calls).toEqual(["PutObject"]);
    expectObject("dir/object.bin", small);
  });

  it("uploads a file path, read per part range", async () => {
    const dir = await mkdtemp(join(tmpdir(), "oss-kit-upload-"));
    try {
      const data = randomBytes(4 * P + 1, 6);
      const path = join(dir, "f.bin");
      await writeFile(path, data);
      const result = await uploadObject(base(fileSource(path))).done();
      expectObject("dir/object.bin", data);
      expect(result.crc64).toBe(crcOf(data));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports monotonic byte progress up to the total", async () => {
    const data = randomBytes(5 * P, 7);
    const seen: UploadProgress[] = [];
    await uploadObject(base(data, { onProgress: (p) => seen.push(p) })).done();
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]?.loaded).toBeGreaterThanOrEqual(seen[i - 1]?.loaded ?? 0);
    }
    expect(seen.at(-1)?.loaded).toBe(data.byteLength);
    expect(seen.every((p) => p.total === data.byteLength)).toBe(true);
    expect(seen.filter((p) => p.part !== undefined)).toHaveLength(5);
  });
});

describe("uploadObject: memory", () => {
  it("holds at most (concurrency + 1) part buffers of a stream", async () => {
    const concurrency = 3;
    const data = randomBytes(20 * P + 500, 8);
    let read = 0;
    let peakAhead = 0;
    async function* instrumented() {
      for (let at = 0; at < data.byteLength; at += 16 * 1024) {
        const chunk = data.subarray(at, Math.min(data.byteLength, at + 16 * 1024));
        read += chunk.byteLength;
        // Bytes read from the source but not yet stored by the server.
        peakAhead = Math.max(peakAhead, read - fake.receivedBytes);
        yield chunk;
      }
    }
    fake.faults.partDelayMs = 15;
    const upload = uploadObject(base(instrumented(), { concurrency }));
    await upload.done();
    expectObject("dir/object.bin", data);
    expect(upload.peakBufferedBytes).toBeGreaterThan(0);
    expect(upload.peakBufferedBytes).toBeLessThanOrEqual((concurrency + 1) * P);
    expect(peakAhead).toBeLessThanOrEqual((concurrency + 1) * P + 16 * 1024);
    expect(upload.bufferedBytes).toBe(0);
  });
});

describe("uploadObject: control", () => {
  it("aborts in-flight parts and the multipart upload on abort (no checkpoint)", async () => {
    const data = randomBytes(8 * P, 9);
    fake.faults.partDelayMs = 40;
    const controller = new AbortController();
    const upload = uploadObject(
      base(data, {
        signal: controller.signal,
        onEvent: (e) => e.type === "part" && controller.abort(),
      }),
    );
    const error = await rejection(upload.done());
    expect(error).toBeInstanceOf(AbortError);
    expect(fake.calls).toContain("AbortMultipartUpload");
    expect(fake.calls).not.toContain("CompleteMultipartUpload");
    expect(fake.calls.filter((c) => c.startsWith("UploadPart")).length).toBeLessThan(8);
  });

  it("pauses (no new parts) and resumes", async () => {
    const data = randomBytes(6 * P, 10);
    fake.faults.partDelayMs = 20;
    let paused = false;
    const upload = uploadObject(
      base(data, {
        concurrency: 1,
        onEvent: (e) => {
          if (e.type === "part" && e.part.number === 2 && !paused) {
            paused = true;
            upload.pause();
          }
        },
      }),
    );
    while (!paused) await sleep(5);
    expect(upload.paused).toBe(true);
    await sleep(30);
    const before = fake.calls.filter((c) => c.startsWith("UploadPart")).length;
    await sleep(100);
    expect(fake.calls.filter((c) => c.startsWith("UploadPart")).length).toBe(before);
    upload.resume();
    const result = await upload.done();
    expect(result.parts).toBe(6);
    expectObject("dir/object.bin", data);
  });

  it("retries a failed part and completes", async () => {
    const data = randomBytes(3 * P, 11);
    fake.faults.failPartOnce.add(2);
    await uploadObject(base(data)).done();
    expectObject("dir/object.bin", data);
  });

  it("rides out 429 with Retry-After and 503 on parts", async () => {
    const data = randomBytes(4 * P, 25);
    fake.statusOnce.set(1, 429);
    fake.statusOnce.set(3, 503);
    fake.statusOnce.set(4, 500);
    const result = await uploadObject(base(data)).done();
    expect(result.crc64).toBe(crcOf(data));
    expectObject("dir/object.bin", data);
  });

  it("leaves the parts and the checkpoint when aborted with a store", async () => {
    const data = randomBytes(8 * P, 26);
    const store = new MemoryCheckpointStore();
    fake.faults.partDelayMs = 40;
    const controller = new AbortController();
    const upload = uploadObject(
      base(data, {
        signal: controller.signal,
        checkpoint: { store, id: "abort" },
        onEvent: (e) => e.type === "part" && controller.abort(),
      }),
    );
    expect(await rejection(upload.done())).toBeInstanceOf(AbortError);
    expect(fake.calls).not.toContain("AbortMultipartUpload");
    const cp = await store.get("abort");
    expect(cp?.parts.length).toBeGreaterThan(0);
    fake.faults.partDelayMs = 0;
    const result = await uploadObject(base(data, { checkpoint: { store, id: "abort" } })).done();
    // Recorded parts are reused; parts that reached the server as the abort hit are reused too
    // once their local CRC matches.
    expect(result.reusedParts).toBeGreaterThanOrEqual(cp?.parts.length ?? 1);
    for (const part of cp?.parts ?? []) expect(fake.partBytes.get(part.number)).toBe(part.size);
    expectObject("dir/object.bin", data);
  });

  it("stops with CheckpointLockedError when its lease is lost", async () => {
    const data = randomBytes(6 * P, 27);
    const memory = new MemoryCheckpointStore();
    // A store whose lease is taken over by another driver after the first renewal.
    const store: CheckpointStore = {
      get: (id) => memory.get(id),
      put: (id, cp) => memory.put(id, cp),
      delete: (id) => memory.delete(id),
      acquire: async (id, options) => {
        const lease = await memory.acquire(id, options);
        let renewals = 0;
        return {
          id,
          renew: async () => {
            if (++renewals > 1) throw new CheckpointLockedError(id);
            await lease.renew();
          },
          release: () => lease.release(),
        };
      },
    };
    fake.faults.partDelayMs = 100;
    const upload = uploadObject(
      base(data, { concurrency: 1, checkpoint: { store, id: "lost", leaseTtlMs: 150 } }),
    );
    expect(await rejection(upload.done())).toBeInstanceOf(CheckpointLockedError);
    expect(fake.calls).not.toContain("CompleteMultipartUpload");
  });

  it("fails with ChecksumMismatchError when a part's CRC is wrong", async () => {
    const data = randomBytes(3 * P, 12);
    fake.faults.wrongCrcPart.add(2);
    const error = await rejection(uploadObject(base(data)).done());
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(fake.calls).toContain("AbortMultipartUpload");
  });

  it("fails with ChecksumMismatchError when the whole-object CRC is wrong", async () => {
    const data = randomBytes(3 * P, 13);
    fake.faults.wrongCompleteCrc = true;
    const error = (await rejection(uploadObject(base(data)).done())) as ChecksumMismatchError;
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error.operation).toBe("CompleteMultipartUpload");
  });
});

describe("uploadObject: checkpoints and resume", () => {
  /** Runs an upload that fails with parts `failing` missing; returns the store. */
  async function interrupted(
    data: Uint8Array,
    failing: number[],
    store = new MemoryCheckpointStore(),
  ) {
    fake.faults.failPartsFrom = undefined;
    const failingSet = new Set(failing);
    fake.failing = failingSet;
    const error = await rejection(
      uploadObject(base(data, { checkpoint: { store, id: "job-1" }, concurrency: 8 })).done(),
    );
    fake.failing = new Set();
    return { store, error };
  }

  it("resumes after a crash, re-sending only the missing (non-contiguous) parts", async () => {
    const data = randomBytes(6 * P + 10, 14);
    const { store, error } = await interrupted(data, [2, 4, 7]);
    expect(error).toBeDefined();
    expect(fake.calls).not.toContain("AbortMultipartUpload"); // parts left for the resume
    const cp = await store.get("job-1");
    expect(cp?.parts.map((p) => p.number)).toEqual([1, 3, 5, 6]);
    expect(JSON.stringify(store.raw("job-1"))).not.toContain(credentials.accessKeySecret);
    const sentBefore = new Map(fake.partBytes);
    const events: UploadEvent[] = [];
    const result = await uploadObject(
      base(data, { checkpoint: { store, id: "job-1" }, onEvent: (e) => events.push(e) }),
    ).done();
    expectObject("dir/object.bin", data);
    expect(result).toMatchObject({ parts: 7, reusedParts: 4, crc64: crcOf(data) });
    for (const n of [1, 3, 5, 6]) expect(fake.partBytes.get(n)).toBe(sentBefore.get(n));
    for (const n of [2, 4, 7]) expect(fake.partBytes.get(n)).toBeGreaterThan(0);
    expect(events.find((e) => e.type === "resumed")).toMatchObject({ reusableParts: 4 });
    expect(await store.get("job-1")).toBeUndefined(); // deleted on success
  });

  it("writes the checkpoint after the initiate and after every completed part", async () => {
    const memory = new MemoryCheckpointStore();
    const written: number[] = [];
    const store: CheckpointStore = {
      get: (id) => memory.get(id),
      put: async (id, cp) => {
        written.push(cp.parts.length);
        await memory.put(id, cp);
      },
      delete: (id) => memory.delete(id),
      acquire: (id, options) => memory.acquire(id, options),
    };
    const data = randomBytes(5 * P, 28);
    await uploadObject(base(data, { concurrency: 1, checkpoint: { store, id: "w" } })).done();
    expect(written).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await memory.get("w")).toBeUndefined();
  });

  it("reuses a part uploaded but not recorded, once its local CRC matches the server's", async () => {
    const data = randomBytes(4 * P, 15);
    const { store } = await interrupted(data, [4]);
    const cp = await store.get("job-1");
    // Simulate a crash between UploadPart 2 and the checkpoint write.
    await store.put("job-1", {
      ...(cp as NonNullable<typeof cp>),
      parts: cp?.parts.filter((p) => p.number !== 2) ?? [],
    });
    const sent2 = fake.partBytes.get(2);
    const result = await uploadObject(base(data, { checkpoint: { store, id: "job-1" } })).done();
    expect(result.reusedParts).toBe(3);
    expect(fake.partBytes.get(2)).toBe(sent2);
    expectObject("dir/object.bin", data);
  });

  it("discards a tampered checkpoint and starts over", async () => {
    const data = randomBytes(4 * P, 16);
    const { store } = await interrupted(data, [3]);
    store.setRaw("job-1", (store.raw("job-1") as string).replace(/UPLOAD\d+/, "UPLOAD999"));
    const events: UploadEvent[] = [];
    const result = await uploadObject(
      base(data, { checkpoint: { store, id: "job-1" }, onEvent: (e) => events.push(e) }),
    ).done();
    expect(events[0]).toMatchObject({ type: "restarted", reason: "checkpoint-corrupt" });
    expect(result.reusedParts).toBe(0);
    expectObject("dir/object.bin", data);
  });

  it("starts over when the source changed, aborting the old upload", async () => {
    const data = randomBytes(4 * P, 17);
    const { store } = await interrupted(data, [3]);
    const old = (await store.get("job-1"))?.uploadId;
    const changed = randomBytes(4 * P, 18);
    const events: UploadEvent[] = [];
    const result = await uploadObject(
      base(changed, { checkpoint: { store, id: "job-1" }, onEvent: (e) => events.push(e) }),
    ).done();
    expect(events[0]).toEqual({
      type: "restarted",
      reason: "source-changed",
      previousUploadId: old,
    });
    expect(fake.uploads.has(old as string)).toBe(false);
    expect(result.reusedParts).toBe(0);
    expectObject("dir/object.bin", changed);
  });

  it("starts over when the upload is gone (NoSuchUpload)", async () => {
    const data = randomBytes(4 * P, 19);
    const { store } = await interrupted(data, [3]);
    fake.uploads.clear();
    const events: UploadEvent[] = [];
    await uploadObject(
      base(data, { checkpoint: { store, id: "job-1" }, onEvent: (e) => events.push(e) }),
    ).done();
    expect(events[0]).toMatchObject({ type: "restarted", reason: "upload-gone" });
    expectObject("dir/object.bin", data);
  });

  it("starts over when object options changed", async () => {
    const data = randomBytes(4 * P, 20);
    const { store } = await interrupted(data, [3]);
    const events: UploadEvent[] = [];
    await uploadObject(
      base(data, {
        checkpoint: { store, id: "job-1" },
        contentType: "x/y",
        onEvent: (e) => events.push(e),
      }),
    ).done();
    expect(events[0]).toMatchObject({ type: "restarted", reason: "options-changed" });
  });

  it("resumes a file upload from the fs store with the default checkpoint id", async () => {
    const dir = await mkdtemp(join(tmpdir(), "oss-kit-upload-"));
    try {
      const { FsCheckpointStore } = await import("../src/fs");
      const store = new FsCheckpointStore({ directory: join(dir, "ckpt") });
      const data = randomBytes(5 * P, 21);
      const path = join(dir, "f.bin");
      await writeFile(path, data);
      fake.failing = new Set([2, 5]);
      await rejection(
        uploadObject(base(fileSource(path), { checkpoint: { store }, concurrency: 5 })).done(),
      );
      fake.failing = new Set();
      const result = await uploadObject(base(fileSource(path), { checkpoint: { store } })).done();
      expect(result.reusedParts).toBe(3);
      expectObject("dir/object.bin", data);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("resumes a stream with a caller-supplied id, reading past the reused parts", async () => {
    const data = randomBytes(5 * P + 3, 22);
    const store = new MemoryCheckpointStore();
    fake.failing = new Set([2, 4]);
    await rejection(
      uploadObject(
        base(new Blob([data]).stream(), { checkpoint: { store, id: "s" }, concurrency: 6 }),
      ).done(),
    );
    fake.failing = new Set();
    const result = await uploadObject(
      base(new Blob([data]).stream(), { checkpoint: { store, id: "s" } }),
    ).done();
    expect(result.reusedParts).toBe(4);
    expectObject("dir/object.bin", data);
  });

  it("refuses a second concurrent driver of the same checkpoint", async () => {
    const data = randomBytes(4 * P, 23);
    const store = new MemoryCheckpointStore();
    fake.faults.partDelayMs = 30;
    const first = uploadObject(base(data, { checkpoint: { store, id: "same" } }));
    await sleep(5);
    const error = await rejection(
      uploadObject(base(data, { checkpoint: { store, id: "same" } })).done(),
    );
    expect(error).toBeInstanceOf(CheckpointLockedError);
    await first.done();
    expectObject("dir/object.bin", data);
  });
});

describe("uploadObject: bad input fails before any request", () => {
  const dirP = mkdtemp(join(tmpdir(), "oss-kit-bad-"));
  afterAll(async () => rm(await dirP, { recursive: true, force: true }));

  it.each([
    ["a missing file", async () => base(fileSource(join(await dirP, "missing.bin"))), "source"],
    ["a directory", async () => base(fileSource(await dirP)), "source"],
    [
      "a part size below 100 KiB",
      async () => base(randomBytes(10), { partSize: 1000 }),
      "partSize",
    ],
    [
      "a part size above 5 GiB",
      async () => base(randomBytes(10), { partSize: 6 * 1024 ** 3 }),
      "partSize",
    ],
    ["a concurrency of 0", async () => base(randomBytes(10), { concurrency: 0 }), "concurrency"],
    [
      "too many parts for the part size",
      async () =>
        base({
          prepare: async () => ({ size: 10001 * P, fingerprint: "f" }),
          readRange: async function* () {},
        }),
      "partSize",
    ],
    [
      "a stream with a store but no id",
      async () =>
        base(new Blob(["x"]).stream(), { checkpoint: { store: new MemoryCheckpointStore() } }),
      "checkpoint.id",
    ],
  ])("%s", async (_name, options, field) => {
    const error = await rejection(uploadObject(await options()).done());
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(fake.calls).toEqual([]);
  });

  it("a checkpoint of another bucket/key", async () => {
    const store = new MemoryCheckpointStore();
    const data = randomBytes(3 * P, 24);
    fake.failing = new Set([3]);
    await rejection(uploadObject(base(data, { checkpoint: { store, id: "x" } })).done());
    fake.failing = new Set();
    fake.calls.length = 0;
    const error = await rejection(
      uploadObject(base(data, { key: "other", checkpoint: { store, id: "x" } })).done(),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe("checkpoint.id");
    expect(fake.calls).toEqual([]);
    expect(await store.get("x")).toBeDefined(); // nothing lost
  });
});
