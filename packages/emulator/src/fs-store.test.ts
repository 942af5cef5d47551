import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, ServiceError } from "oss-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsStore, startEmulator } from "./index";

const credentials = { accessKeyId: "LTAI5tFsStore", accessKeySecret: "fs-secret" };
let dir: string;

async function listAll(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map(String);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "oss-kit-fsstore-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("FsStore", () => {
  it("keeps buckets, objects and unfinished uploads across restarts", async () => {
    const first = await startEmulator({ accessKeys: [credentials], store: new FsStore(dir) });
    const a = new Client({ region: "cn-hangzhou", endpoint: first.url, credentials });
    await a.putBucket({ bucket: "kept" });
    await a.putObject({ bucket: "kept", key: "dir/ü x.txt", body: "persisted", tags: { t: "1" } });
    const { uploadId } = await a.initiateMultipartUpload({ bucket: "kept", key: "mp" });
    await a.uploadPart({ bucket: "kept", key: "mp", uploadId, partNumber: 1, body: "part one" });
    await a.close();
    await first.close();

    const second = await startEmulator({ accessKeys: [credentials], store: new FsStore(dir) });
    const b = new Client({ region: "cn-hangzhou", endpoint: second.url, credentials });
    expect((await b.listBuckets({})).buckets.map((x) => x.name)).toEqual(["kept"]);
    const got = await b.getObject({ bucket: "kept", key: "dir/ü x.txt" });
    expect(await got.body.text()).toBe("persisted");
    expect((await b.getObjectTagging({ bucket: "kept", key: "dir/ü x.txt" })).tags).toEqual({
      t: "1",
    });
    const parts = await b.listParts({ bucket: "kept", key: "mp", uploadId });
    expect(parts.parts.map((p) => [p.partNumber, p.size])).toEqual([[1, 8]]);
    await b.completeMultipartUpload({ bucket: "kept", key: "mp", uploadId, completeAll: true });
    expect(await (await b.getObject({ bucket: "kept", key: "mp" })).body.text()).toBe("part one");
    await b.close();
    await second.close();
  });

  it("streams uploads to disk and leaves nothing behind when Content-MD5 is wrong", async () => {
    const emulator = await startEmulator({ accessKeys: [credentials], store: new FsStore(dir) });
    const oss = new Client({ region: "cn-hangzhou", endpoint: emulator.url, credentials });
    await oss.putBucket({ bucket: "digest" });
    const error = await oss
      .putObject({
        bucket: "digest",
        key: "x",
        body: "abc",
        contentMd5: "1B2M2Y8AsgTpgAmY7PhCfg==",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe("InvalidDigest");
    const files = await listAll(join(dir, "buckets", "digest"));
    expect(files.filter((name) => name.endsWith(".tmp") || name.endsWith(".bin"))).toEqual([]);
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i & 0xff);
    await oss.putObject({ bucket: "digest", key: "big", body: big });
    const range = await oss.getObject({
      bucket: "digest",
      key: "big",
      range: { start: 1_000_000, end: 1_000_009 },
    });
    expect(await range.body.bytes()).toEqual(big.subarray(1_000_000, 1_000_010));
    const whole = await (await oss.getObject({ bucket: "digest", key: "big" })).body.bytes();
    // Buffer.equals: vitest's deep equality is slow on megabytes.
    expect(Buffer.from(whole).equals(Buffer.from(big))).toBe(true);
    await oss.close();
    await emulator.close();
  });
});
