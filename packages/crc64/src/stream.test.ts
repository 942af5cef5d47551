import { ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { crc64, crc64OfStream } from "./index";

const data = new Uint8Array(300_000).map((_, i) => (i * 40503) >>> 8);

function chunks(size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += size) out.push(data.subarray(at, at + size));
  return out;
}

describe("crc64OfStream", () => {
  it("reads a web ReadableStream", async () => {
    const parts = chunks(65536);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = parts.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(next);
      },
    });
    expect(await crc64OfStream(stream)).toBe(crc64(data));
    expect(stream.locked).toBe(false);
  });

  it("reads an async iterable, including string chunks", async () => {
    async function* source() {
      yield* chunks(1000);
      yield "tail";
    }
    const whole = new Uint8Array(data.length + 4);
    whole.set(data);
    whole.set(new TextEncoder().encode("tail"), data.length);
    expect(await crc64OfStream(source())).toBe(crc64(whole));
  });

  it("gives 0 for an empty stream", async () => {
    expect(await crc64OfStream(new ReadableStream({ start: (c) => c.close() }))).toBe(0n);
  });

  it("passes on the stream's own error", async () => {
    const boom = new Error("boom");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(data.subarray(0, 10));
        controller.error(boom);
      },
    });
    await expect(crc64OfStream(stream)).rejects.toBe(boom);
  });

  it("rejects a bad source or chunk with a ValidationError", async () => {
    await expect(crc64OfStream(data as never)).rejects.toMatchObject({ field: "source" });
    await expect(crc64OfStream(null as never)).rejects.toBeInstanceOf(ValidationError);
    async function* bad() {
      yield 5 as never;
    }
    await expect(crc64OfStream(bad())).rejects.toMatchObject({ field: "chunk" });
  });
});
