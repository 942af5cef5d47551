import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { Crc64, type Crc64Backend, crc64, getCrc64Backend, setCrc64Backend } from "./index";

/** Bit-at-a-time CRC-64/XZ on BigInt: slow, obviously right, independent of both backends. */
function referenceCrc64(bytes: Uint8Array, previous = 0n): bigint {
  const mask = 0xffffffffffffffffn;
  let crc = ~previous & mask;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 1n ? (crc >> 1n) ^ 0xc96c5795d7870f42n : crc >> 1n;
  }
  return ~crc & mask;
}

/** Seeded xorshift32 bytes: deterministic "random" data. */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function withBackend<T>(backend: Crc64Backend, run: () => T): T {
  setCrc64Backend(backend);
  try {
    return run();
  } finally {
    setCrc64Backend("auto");
  }
}

afterEach(() => setCrc64Backend("auto"));

describe("crc64", () => {
  it("computes the CRC-64/XZ check value, not CRC-64/ECMA-182's", () => {
    expect(crc64("123456789")).toBe(0x995dc9bbdf1939fan);
    expect(crc64("123456789")).not.toBe(0x6c40df5f0b497347n);
  });

  it("is 0 for no bytes, and returns previous unchanged for no bytes", () => {
    expect(crc64(new Uint8Array(0))).toBe(0n);
    expect(crc64("")).toBe(0n);
    expect(crc64("", 12345n)).toBe(12345n);
    expect(crc64("", "18446744073709551615")).toBe(18446744073709551615n);
  });

  it("takes strings as UTF-8", () => {
    const text = "中文/測試 ü 😀";
    expect(crc64(text)).toBe(crc64(new TextEncoder().encode(text)));
  });

  it("reads every kind of view in place, at its offset", () => {
    const bytes = randomBytes(1000, 7);
    const want = referenceCrc64(bytes.subarray(8, 808));
    const buffer = bytes.buffer;
    expect(crc64(bytes.subarray(8, 808))).toBe(want);
    expect(crc64(new DataView(buffer, 8, 800))).toBe(want);
    expect(crc64(new Uint16Array(buffer, 8, 400))).toBe(want);
    expect(crc64(new Float64Array(buffer, 8, 100))).toBe(want);
    expect(crc64(buffer.slice(8, 808))).toBe(want);
    expect(crc64(Buffer.from(buffer, 8, 800))).toBe(want);
  });

  it("continues from a previous result: crc64(B, crc64(A)) = crc64(A ‖ B)", () => {
    const bytes = randomBytes(5000, 11);
    for (const split of [0, 1, 7, 8, 63, 64, 65, 1000, 4999, 5000]) {
      const a = bytes.subarray(0, split);
      const b = bytes.subarray(split);
      expect(crc64(b, crc64(a))).toBe(crc64(bytes));
      expect(crc64(b, crc64(a).toString())).toBe(crc64(bytes));
    }
  });

  it("matches a bit-at-a-time reference on both backends, any length and offset", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.nat({ max: 7 }),
        fc.bigInt({ min: 0n, max: 0xffffffffffffffffn }),
        (data, shift, previous) => {
          const buffer = new Uint8Array(data.length + shift);
          buffer.set(data, shift);
          const view = buffer.subarray(shift);
          const want = referenceCrc64(data, previous);
          expect(withBackend("js", () => crc64(view, previous))).toBe(want);
          expect(withBackend("wasm", () => crc64(view, previous))).toBe(want);
          expect(crc64(view, previous)).toBe(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the same CRC on both backends for large unaligned inputs", () => {
    const bytes = randomBytes(3 * 65536 + 12345, 99);
    for (const [start, end] of [
      [0, bytes.length],
      [1, bytes.length - 3],
      [3, 65536 + 3],
      [5, 2 * 65536 + 7],
      [65535, 65536 + 65537],
      [2, 130],
      [6, 70],
    ] as const) {
      const view = bytes.subarray(start, end);
      const js = withBackend("js", () => crc64(view));
      const wasm = withBackend("wasm", () => crc64(view));
      expect(wasm).toBe(js);
      expect(crc64(view)).toBe(js);
    }
  });
});

describe("Crc64", () => {
  const data = randomBytes(200_003, 5);
  const whole = crc64(data);

  it.each([
    1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 63, 64, 65, 255, 256, 1000, 4096, 65535, 65536, 65537,
    200_003,
  ])("chunks of %i bytes give the one-shot CRC on every backend", (size) => {
    for (const backend of ["auto", "js", "wasm"] as const) {
      withBackend(backend, () => {
        const crc = new Crc64();
        for (let at = 0; at < data.length; at += size) crc.update(data.subarray(at, at + size));
        expect(crc.digest()).toBe(whole);
      });
    }
  });

  it("mixes backends mid-stream and matches on random chunkings", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 40 }),
        (sizes) => {
          const crc = new Crc64();
          let at = 0;
          sizes.forEach((size, i) => {
            setCrc64Backend(i % 2 === 0 ? "js" : "wasm");
            crc.update(data.subarray(at, at + size));
            at += size;
          });
          setCrc64Backend("auto");
          expect(crc.digest()).toBe(crc64(data.subarray(0, at)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("chains, formats as unsigned decimal, and keeps going after digest", () => {
    const crc = new Crc64().update("1234").update(new TextEncoder().encode("56789"));
    expect(crc.digest()).toBe(11051210869376104954n);
    expect(crc.toString()).toBe("11051210869376104954");
    expect(String(crc)).toBe("11051210869376104954");
    crc.update("This is a test of the emergency broadcast system.");
    expect(crc.toString()).toBe("7672622622872733320");
  });

  it("starts from initial, and reset returns to initial (not to 0)", () => {
    const crc = new Crc64("11051210869376104954");
    crc.update("This is a test of the emergency broadcast system.");
    expect(crc.digest()).toBe(7672622622872733320n);
    expect(crc.reset().digest()).toBe(11051210869376104954n);
    expect(new Crc64().update("abc").reset().digest()).toBe(0n);
    expect(new Crc64(5n).digest()).toBe(5n);
  });
});

describe("backend selection", () => {
  it("uses WebAssembly in Node unless told otherwise", () => {
    expect(getCrc64Backend()).toBe("wasm");
    setCrc64Backend("js");
    expect(getCrc64Backend()).toBe("js");
    setCrc64Backend("wasm");
    expect(getCrc64Backend()).toBe("wasm");
  });
});
