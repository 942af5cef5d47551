import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Checkpoint,
  CheckpointCorruptError,
  CheckpointLockedError,
  type CheckpointStore,
} from "../src/index";

/** What the contract suite needs from one store under test. */
export interface StoreHarness {
  readonly store: CheckpointStore;
  /** The stored text under `id`, as the backend holds it. */
  raw(id: string): Promise<string | undefined>;
  /** Overwrites the stored text under `id` behind the store's back. */
  setRaw(id: string, text: string): Promise<void>;
  /** Frees what the harness created. */
  cleanup?(): Promise<void>;
}

/** A checkpoint with `parts` parts. */
export function sampleCheckpoint(uploadId = "UPLOAD-1", parts = 2): Checkpoint {
  return {
    version: 1,
    uploadId,
    bucket: "examplebucket",
    key: "dir/object.bin",
    optionsHash: "0".repeat(64),
    schedule: "fixed",
    partSize: 102400,
    size: 102400 * parts,
    fingerprint: "size=204800;sample-sha256=abc",
    parts: Array.from({ length: parts }, (_, i) => ({
      number: i + 1,
      size: 102400,
      etag: `ETAG${i + 1}`,
      crc64: String(1000 + i),
    })),
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The one contract every `CheckpointStore` must meet: storage, isolation, leases, integrity and
 * no secrets. Run it for each store with a harness factory.
 */
export function describeCheckpointStore(
  name: string,
  makeHarness: () => Promise<StoreHarness>,
  options: { skip?: boolean } = {},
): void {
  describe.skipIf(options.skip === true)(`CheckpointStore contract: ${name}`, () => {
    let h: StoreHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h?.cleanup?.();
    });
    const id = (suffix: string) => `contract/${name}/${suffix}`;

    it("get of a missing id is undefined; put then get round-trips", async () => {
      expect(await h.store.get(id("missing"))).toBeUndefined();
      const cp = sampleCheckpoint();
      await h.store.put(id("a"), cp);
      expect(await h.store.get(id("a"))).toEqual(cp);
    });

    it("put overwrites", async () => {
      await h.store.put(id("b"), sampleCheckpoint("U1", 1));
      await h.store.put(id("b"), sampleCheckpoint("U2", 3));
      const got = await h.store.get(id("b"));
      expect(got?.uploadId).toBe("U2");
      expect(got?.parts).toHaveLength(3);
    });

    it("keeps ids apart, including ids that look like paths", async () => {
      const ids = [
        id("c/1"),
        id("c/2"),
        "../../etc/passwd",
        "oss://bucket/key\n/tmp/file",
        "ünï cødé",
      ];
      for (const [i, each] of ids.entries()) await h.store.put(each, sampleCheckpoint(`U${i}`));
      for (const [i, each] of ids.entries())
        expect((await h.store.get(each))?.uploadId).toBe(`U${i}`);
      await h.store.delete(ids[0] as string);
      expect(await h.store.get(ids[0] as string)).toBeUndefined();
      expect((await h.store.get(ids[1] as string))?.uploadId).toBe("U1");
      for (const each of ids) await h.store.delete(each);
    });

    it("delete removes, and deleting a missing id is fine", async () => {
      await h.store.put(id("d"), sampleCheckpoint());
      await h.store.delete(id("d"));
      expect(await h.store.get(id("d"))).toBeUndefined();
      await h.store.delete(id("d"));
    });

    it("a lease is exclusive until released", async () => {
      const lease = await h.store.acquire(id("lease"), { ttlMs: 10_000 });
      await expect(h.store.acquire(id("lease"), { ttlMs: 10_000 })).rejects.toBeInstanceOf(
        CheckpointLockedError,
      );
      // Other ids are not affected.
      const other = await h.store.acquire(id("lease-other"), { ttlMs: 10_000 });
      await other.release();
      await lease.release();
      await lease.release(); // idempotent
      const again = await h.store.acquire(id("lease"), { ttlMs: 10_000 });
      await again.release();
    });

    it("a lease expires without renewal; the stale holder cannot renew", async () => {
      const lease = await h.store.acquire(id("expiry"), { ttlMs: 150 });
      await sleep(300);
      const taker = await h.store.acquire(id("expiry"), { ttlMs: 10_000 });
      await expect(lease.renew()).rejects.toBeInstanceOf(CheckpointLockedError);
      await lease.release(); // must not release the taker's lease
      await expect(h.store.acquire(id("expiry"), { ttlMs: 10_000 })).rejects.toBeInstanceOf(
        CheckpointLockedError,
      );
      await taker.release();
    });

    it("renewal keeps a lease past its first TTL", async () => {
      const lease = await h.store.acquire(id("renew"), { ttlMs: 300 });
      for (let i = 0; i < 4; i++) {
        await sleep(120);
        await lease.renew();
      }
      await expect(h.store.acquire(id("renew"), { ttlMs: 300 })).rejects.toBeInstanceOf(
        CheckpointLockedError,
      );
      await lease.release();
    });

    it("detects corrupt data", async () => {
      await h.store.put(id("corrupt"), sampleCheckpoint());
      await h.setRaw(id("corrupt"), "{ this is not json");
      await expect(h.store.get(id("corrupt"))).rejects.toBeInstanceOf(CheckpointCorruptError);
      const raw = (await h.raw(id("a"))) as string;
      await h.setRaw(id("corrupt"), raw.slice(0, raw.length - 5));
      await expect(h.store.get(id("corrupt"))).rejects.toBeInstanceOf(CheckpointCorruptError);
      await h.store.delete(id("corrupt"));
    });

    it("detects tampered data (a changed ETag with the old hash)", async () => {
      await h.store.put(id("tamper"), sampleCheckpoint());
      const raw = (await h.raw(id("tamper"))) as string;
      const tampered = raw.replace("ETAG2", "EVIL2");
      expect(tampered).not.toBe(raw);
      await h.setRaw(id("tamper"), tampered);
      await expect(h.store.get(id("tamper"))).rejects.toBeInstanceOf(CheckpointCorruptError);
      await h.store.delete(id("tamper"));
    });

    it("stores only the checkpoint schema: no credentials, no data", async () => {
      await h.store.put(id("schema"), sampleCheckpoint());
      const raw = (await h.raw(id("schema"))) as string;
      const envelope = JSON.parse(raw) as { body: string };
      expect(Object.keys(envelope).sort()).toEqual(["body", "format", "sha256"]);
      expect(Object.keys(JSON.parse(envelope.body)).sort()).toEqual(
        [
          "bucket",
          "fingerprint",
          "key",
          "optionsHash",
          "partSize",
          "parts",
          "schedule",
          "size",
          "updatedAt",
          "uploadId",
          "version",
        ].sort(),
      );
      expect(raw).not.toMatch(/secret|accessKey|securityToken|LTAI/i);
      await h.store.delete(id("schema"));
    });
  });
}
