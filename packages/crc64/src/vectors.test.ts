import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Crc64,
  type Crc64Backend,
  combineCrc64,
  crc64,
  formatCrc64,
  parseCrc64,
  setCrc64Backend,
} from "./index";

// The shared fixture, read at test time: /work/shared sits beside the repository checkout.
interface VectorInput {
  utf8?: string;
  hex?: string;
  repeat?: number;
}
interface Fixture {
  parameters: { check: string };
  vectors: Array<{ id: string; input: VectorInput; expected: string; expectedHex?: string }>;
  continuation: Array<{ id: string; init: string; input: VectorInput; expected: string }>;
  combine: Array<{ id: string; crc1: string; crc2: string; len2: number; expected: string }>;
}
const fixture: Fixture = JSON.parse(
  readFileSync(new URL("../../../../shared/vectors/crc64.json", import.meta.url), "utf8"),
);

function bytesOf(input: VectorInput): Uint8Array {
  const once =
    input.utf8 !== undefined
      ? new TextEncoder().encode(input.utf8)
      : Uint8Array.from((input.hex ?? "").match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  const repeat = input.repeat ?? 1;
  const out = new Uint8Array(once.length * repeat);
  for (let i = 0; i < repeat; i++) out.set(once, i * once.length);
  return out;
}

it("the fixture holds what these tests expect", () => {
  expect(fixture.vectors).toHaveLength(17);
  expect(fixture.continuation.length).toBeGreaterThan(0);
  expect(fixture.combine.length).toBeGreaterThan(0);
  expect(BigInt(fixture.parameters.check)).toBe(11051210869376104954n);
});

describe.each<Crc64Backend>(["auto", "wasm", "js"])("backend %s", (backend) => {
  beforeAll(() => setCrc64Backend(backend));
  afterAll(() => setCrc64Backend("auto"));

  describe("vectors", () => {
    it.each(fixture.vectors)("$id", ({ input, expected, expectedHex }) => {
      const bytes = bytesOf(input);
      const want = parseCrc64(expected);
      if (expectedHex !== undefined) expect(want).toBe(BigInt(expectedHex));
      expect(crc64(bytes)).toBe(want);
      expect(formatCrc64(crc64(bytes))).toBe(expected);
      if (input.utf8 !== undefined && input.repeat === undefined) {
        expect(crc64(input.utf8)).toBe(want);
      }
      // Incremental, in uneven chunks, from an unaligned copy.
      const shifted = new Uint8Array(bytes.length + 3);
      shifted.set(bytes, 3);
      const view = shifted.subarray(3);
      const crc = new Crc64();
      for (let at = 0, step = 1; at < view.length; at += step, step = (step * 7 + 3) % 5003) {
        crc.update(view.subarray(at, at + step));
      }
      expect(crc.digest()).toBe(want);
      expect(crc.toString()).toBe(expected);
    });
  });

  describe("continuation (previous = a previous CRC result)", () => {
    it.each(fixture.continuation)("$id", ({ init, input, expected }) => {
      const bytes = bytesOf(input);
      expect(crc64(bytes, init)).toBe(BigInt(expected));
      expect(crc64(bytes, BigInt(init))).toBe(BigInt(expected));
      expect(new Crc64(init).update(bytes).toString()).toBe(expected);
    });
  });
});

describe("combine", () => {
  it.each(fixture.combine)("$id", ({ crc1, crc2, len2, expected }) => {
    expect(combineCrc64(crc1, crc2, len2)).toBe(BigInt(expected));
    expect(combineCrc64(BigInt(crc1), BigInt(crc2), BigInt(len2))).toBe(BigInt(expected));
  });
});
