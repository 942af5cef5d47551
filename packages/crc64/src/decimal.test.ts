import { ValidationError } from "@oss-kit/errors";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Crc64, crc64, formatCrc64, parseCrc64 } from "./index";

function fieldOf(call: () => unknown): string | undefined {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).field;
  }
  throw new Error("expected a ValidationError");
}

describe("formatCrc64 / parseCrc64", () => {
  it("round-trips every unsigned 64-bit value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
        expect(parseCrc64(formatCrc64(value))).toBe(value);
        expect(formatCrc64(value)).toBe(value.toString());
      }),
    );
    expect(formatCrc64(0n)).toBe("0");
    expect(formatCrc64(2n ** 64n - 1n)).toBe("18446744073709551615");
    expect(parseCrc64("18446744073709551615")).toBe(2n ** 64n - 1n);
    expect(parseCrc64("00000000000000000001")).toBe(1n);
  });

  it.each([
    "",
    " 1",
    "1 ",
    "+1",
    "-1",
    "0x10",
    "1e3",
    "1.0",
    "１２",
    "18446744073709551616",
    "99999999999999999999",
    "000000000000000000001",
  ])("parseCrc64 rejects %j", (text) => {
    expect(fieldOf(() => parseCrc64(text))).toBe("crc64");
    expect(fieldOf(() => parseCrc64(text, "x-oss-hash-crc64ecma"))).toBe("x-oss-hash-crc64ecma");
  });

  it("parseCrc64 rejects non-strings without a TypeError", () => {
    for (const value of [undefined, null, 5, 5n, {}, []]) {
      expect(fieldOf(() => parseCrc64(value as never))).toBe("crc64");
    }
  });

  it("formatCrc64 rejects values outside 0..2^64-1 and non-bigints", () => {
    for (const value of [-1n, 2n ** 64n, 5, "5", undefined, null]) {
      expect(fieldOf(() => formatCrc64(value as never))).toBe("value");
    }
  });

  it("names the field in the message", () => {
    expect(() => parseCrc64("abc", "crc")).toThrow(/^Invalid crc: must be 1 to 20 decimal digits/);
  });
});

describe("bad input to crc64 and Crc64", () => {
  it.each([
    ["previous", () => crc64("a", -1n)],
    ["previous", () => crc64("a", 2n ** 64n)],
    ["previous", () => crc64("a", "-5")],
    ["previous", () => crc64("a", "12abc")],
    ["previous", () => crc64("a", 5 as never)],
    ["previous", () => crc64("a", null as never)],
    ["data", () => crc64(undefined as never)],
    ["data", () => crc64(null as never)],
    ["data", () => crc64(42 as never)],
    ["data", () => crc64({ length: 3 } as never)],
    ["data", () => crc64([1, 2, 3] as never)],
    ["initial", () => new Crc64(-1n)],
    ["initial", () => new Crc64("1.5")],
    ["initial", () => new Crc64(7 as never)],
    ["chunk", () => new Crc64().update(undefined as never)],
    ["chunk", () => new Crc64().update(Symbol("x") as never)],
  ])("rejects a bad %s with a ValidationError naming it", (field, call) => {
    expect(fieldOf(call)).toBe(field);
  });

  it("leaves the state unchanged after a rejected chunk", () => {
    const crc = new Crc64().update("12345");
    expect(() => crc.update(null as never)).toThrow(ValidationError);
    expect(crc.update("6789").digest()).toBe(11051210869376104954n);
  });
});
