import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { ValidationError } from "@oss-kit/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRequestBody, toRequestBody } from "./body";
import { fileBody } from "./file-body";
import type { RequestBody } from "./types";

async function chunks(body: RequestBody): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of body.open()) out.push(chunk);
  return out;
}
const text = async (body: RequestBody) => Buffer.concat(await chunks(body)).toString();

describe("toRequestBody", () => {
  it("knows the length of bytes, text and Blobs, and re-opens them", async () => {
    for (const input of ["héllo", new TextEncoder().encode("héllo"), new Blob(["héllo"])]) {
      const body = toRequestBody(input);
      expect(body).toMatchObject({ length: 6, oneShot: false });
      expect(await text(body)).toBe("héllo");
      expect(await text(body)).toBe("héllo");
    }
  });

  it("hands out in-memory bytes as 256 KiB views, never copies", async () => {
    const bytes = new Uint8Array(600 * 1024);
    const parts = await chunks(toRequestBody(bytes));
    expect(parts.map((p) => p.byteLength)).toEqual([262144, 262144, 90112]);
    for (const part of parts) expect(part.buffer).toBe(bytes.buffer);
    expect(toRequestBody(bytes).content).toBe(bytes);
  });

  it("makes streams one-shot, of unknown length unless given", async () => {
    const body = toRequestBody(Readable.from([Buffer.from("a"), "b"]));
    expect(body).toMatchObject({ length: undefined, oneShot: true });
    expect(await text(body)).toBe("ab");
    expect(() => body.open()).toThrow(ValidationError);
    const sized = toRequestBody(new Blob(["abc"]).stream(), { length: 3 });
    expect(sized).toMatchObject({ length: 3, oneShot: true });
  });

  it("returns a RequestBody as it is", () => {
    const body = toRequestBody("x");
    expect(toRequestBody(body)).toBe(body);
    expect(isRequestBody(body)).toBe(true);
    expect(isRequestBody({ open() {} })).toBe(false);
  });

  it("refuses other types, bad lengths and non-byte chunks", async () => {
    for (const bad of [42, null, {}, [1, 2], true]) {
      expect(() => toRequestBody(bad as never)).toThrow(ValidationError);
    }
    expect(() => toRequestBody("abc", { length: 4 })).toThrow(/body\.length/);
    expect(() => toRequestBody("abc", { length: -1 })).toThrow(/body\.length/);
    const numbers = toRequestBody(Readable.from([1, 2]));
    await expect(text(numbers)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("fileBody", () => {
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "oss-kit-file-body-"));
    path = join(dir, "data.bin");
    await writeFile(path, Buffer.alloc(3 * 1024 * 1024 + 5, 7));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("reads the whole file in 1 MiB reads, re-openable", async () => {
    const body = await fileBody(path);
    expect(body).toMatchObject({ length: 3 * 1024 * 1024 + 5, oneShot: false });
    for (let i = 0; i < 2; i++) {
      const sizes = (await chunks(body)).map((c) => c.byteLength);
      expect(sizes).toEqual([1048576, 1048576, 1048576, 5]);
    }
  });

  it("reads a range [start, end)", async () => {
    await writeFile(join(dir, "abc.txt"), "0123456789");
    expect(await text(await fileBody(join(dir, "abc.txt"), { start: 2, end: 5 }))).toBe("234");
    expect(await text(await fileBody(join(dir, "abc.txt"), { start: 7 }))).toBe("789");
    const empty = await fileBody(join(dir, "abc.txt"), { start: 4, end: 4 });
    expect(empty.length).toBe(0);
    expect(await chunks(empty)).toEqual([]);
  });

  it("refuses missing files, directories and ranges outside the file", async () => {
    await expect(fileBody(join(dir, "missing"))).rejects.toMatchObject({ field: "path" });
    await expect(fileBody(dir)).rejects.toMatchObject({ field: "path" });
    const small = join(dir, "abc.txt");
    await expect(fileBody(small, { start: 11 })).rejects.toMatchObject({ field: "start" });
    await expect(fileBody(small, { start: 5, end: 4 })).rejects.toMatchObject({ field: "end" });
    await expect(fileBody(small, { end: 11 })).rejects.toMatchObject({ field: "end" });
    await expect(fileBody(small, { start: 1.5 })).rejects.toMatchObject({ field: "start" });
  });

  it("fails a read when the file shrank since", async () => {
    const shrinking = join(dir, "shrinking.txt");
    await writeFile(shrinking, "0123456789");
    const body = await fileBody(shrinking);
    await truncate(shrinking, 4);
    await expect(text(body)).rejects.toThrow(/changed while being read/);
  });
});
