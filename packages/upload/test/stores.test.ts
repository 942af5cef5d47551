import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FsCheckpointStore } from "../src/fs";
import { CheckpointLockedError, MemoryCheckpointStore } from "../src/index";
import { describeCheckpointStore, sampleCheckpoint } from "./checkpoint-contract";

describeCheckpointStore("memory", async () => {
  const store = new MemoryCheckpointStore();
  return {
    store,
    raw: async (id) => store.raw(id),
    setRaw: async (id, text) => store.setRaw(id, text),
  };
});

describeCheckpointStore("fs", async () => {
  const directory = await mkdtemp(join(tmpdir(), "oss-kit-ckpt-"));
  const store = new FsCheckpointStore({ directory });
  return {
    store,
    raw: async (id) => readFile(store.pathOf(id), "utf8").catch(() => undefined),
    setRaw: (id, text) => writeFile(store.pathOf(id), text),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe("FsCheckpointStore", () => {
  it("writes files with mode 0600 named by a hash, inside the directory", async () => {
    const directory = await mkdtemp(join(tmpdir(), "oss-kit-ckpt-"));
    try {
      const store = new FsCheckpointStore({ directory: join(directory, "nested") });
      await store.put("../../escape", sampleCheckpoint());
      const path = store.pathOf("../../escape");
      expect(path.startsWith(join(directory, "nested"))).toBe(true);
      expect(path).toMatch(/[0-9a-f]{64}\.ckpt$/);
      if (process.platform !== "win32") expect((await stat(path)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("takes over a stale lock file and refuses a live one", async () => {
    const directory = await mkdtemp(join(tmpdir(), "oss-kit-ckpt-"));
    try {
      const store = new FsCheckpointStore({ directory });
      await store.put("x", sampleCheckpoint());
      const lock = `${store.pathOf("x")}.lock`;
      await writeFile(lock, JSON.stringify({ token: "dead", expires: Date.now() - 1 }));
      const lease = await store.acquire("x", { ttlMs: 5000 });
      const other = new FsCheckpointStore({ directory });
      await expect(other.acquire("x", { ttlMs: 5000 })).rejects.toBeInstanceOf(
        CheckpointLockedError,
      );
      await lease.release();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
