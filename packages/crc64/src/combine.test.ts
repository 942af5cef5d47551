import { ValidationError } from "@oss-kit/errors";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineCrc64, crc64 } from "./index";

describe("combineCrc64", () => {
  const data = new Uint8Array(20_000).map((_, i) => (i * 2654435761) >>> 24);

  it("equals the direct CRC of the concatenation for random splits", () => {
    fc.assert(
      fc.property(fc.nat({ max: data.length }), fc.nat({ max: data.length }), (x, y) => {
        const [i, j] = x <= y ? [x, y] : [y, x];
        const a = data.subarray(0, i);
        const b = data.subarray(i, j);
        expect(combineCrc64(crc64(a), crc64(b), b.length)).toBe(crc64(data.subarray(0, j)));
      }),
      { numRuns: 200 },
    );
  });

  it("folds many part CRCs in order into the whole-object CRC, as a multipart upload does", () => {
    const partSize = 37;
    let whole = 0n;
    for (let at = 0; at < data.length; at += partSize) {
      const part = data.subarray(at, at + partSize);
      whole = combineCrc64(whole, crc64(part), part.length);
    }
    expect(whole).toBe(crc64(data));
  });

  it("folds 10,000 parts (operators cached by length)", () => {
    const part = crc64(data.subarray(0, 1000));
    let folded = 0n;
    for (let i = 0; i < 10_000; i++) folded = combineCrc64(folded, part, 1000);
    let direct = 0n;
    for (let i = 0; i < 10_000; i++) direct = crc64(data.subarray(0, 1000), direct);
    expect(folded).toBe(direct);
  });

  it("takes decimal strings and bigint lengths, and length 0 returns crc1", () => {
    expect(combineCrc64("6748440630437108969", "6285347597771850461", 5n)).toBe(
      12811388247244714686n,
    );
    expect(combineCrc64(123n, 456n, 0)).toBe(123n);
    expect(combineCrc64(123n, 456n, 0n)).toBe(123n);
  });

  it("handles lengths beyond 2^32 and up to 2^64 - 1", () => {
    // CRC of A ‖ 2^33 zero bytes, folded two ways: one step vs. two halves.
    const zeros = crc64(new Uint8Array(0));
    const a = crc64("abc");
    const zeros16 = crc64(new Uint8Array(16));
    const viaZeros = combineCrc64(combineCrc64(a, zeros16, 16), zeros16, 16);
    expect(viaZeros).toBe(crc64(new Uint8Array(32), a));
    // Associativity over large lengths: combine(combine(a, b, n), c, m) = combine(a, combine(b, c, m), n + m).
    const b = 1234567890123456789n;
    const c = 9876543210987654321n;
    const n = 2n ** 40n + 17n;
    const m = 2n ** 63n + 5n;
    expect(combineCrc64(combineCrc64(a, b, n), c, m)).toBe(
      combineCrc64(a, combineCrc64(b, c, m), n + m),
    );
    expect(combineCrc64(a, zeros, 2n ** 64n - 1n)).toBeTypeOf("bigint");
    expect(combineCrc64(a, b, Number.MAX_SAFE_INTEGER)).toBe(
      combineCrc64(a, b, BigInt(Number.MAX_SAFE_INTEGER)),
    );
  });

  it.each([
    ["crc1", () => combineCrc64(-1n, 0n, 1)],
    ["crc1", () => combineCrc64("x", 0n, 1)],
    ["crc1", () => combineCrc64(1 as never, 0n, 1)],
    ["crc2", () => combineCrc64(0n, 2n ** 64n, 1)],
    ["crc2", () => combineCrc64(0n, undefined as never, 1)],
    ["length2", () => combineCrc64(0n, 0n, -1)],
    ["length2", () => combineCrc64(0n, 0n, 1.5)],
    ["length2", () => combineCrc64(0n, 0n, Number.NaN)],
    ["length2", () => combineCrc64(0n, 0n, 2 ** 53)],
    ["length2", () => combineCrc64(0n, 0n, -1n)],
    ["length2", () => combineCrc64(0n, 0n, 2n ** 64n)],
    ["length2", () => combineCrc64(0n, 0n, "5" as never)],
    ["length2", () => combineCrc64(0n, 0n, undefined as never)],
  ])("rejects a bad %s with a ValidationError", (field, call) => {
    expect(call).toThrow(ValidationError);
    try {
      call();
    } catch (error) {
      expect((error as ValidationError).field).toBe(field);
    }
  });
});
