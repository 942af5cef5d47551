import { ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PART_SIZE,
  MAX_PART_SIZE,
  MAX_PARTS,
  MIN_PART_SIZE,
  partSizeOf,
  planParts,
} from "../src/index";

describe("planParts", () => {
  it("uses 8 MiB parts by default and grows them so a known size fits 10,000 parts", () => {
    expect(planParts(100 * 1024 ** 2, undefined)).toMatchObject({
      partSize: DEFAULT_PART_SIZE,
      count: 13,
    });
    const big = planParts(200 * 1024 ** 3, undefined); // 200 GiB
    expect(big.count).toBeLessThanOrEqual(MAX_PARTS);
    expect(big.partSize % (1024 * 1024)).toBe(0);
    expect(planParts(48 * 1024 ** 4, undefined).count).toBeLessThanOrEqual(MAX_PARTS);
  });

  it("validates a user's part size: range, and part count for a known size", () => {
    expect(() => planParts(10, MIN_PART_SIZE - 1)).toThrow(ValidationError);
    expect(() => planParts(10, MAX_PART_SIZE + 1)).toThrow(ValidationError);
    expect(() => planParts(10, MIN_PART_SIZE + 0.5)).toThrow(ValidationError);
    expect(() => planParts(MIN_PART_SIZE * 10001, MIN_PART_SIZE)).toThrow(ValidationError);
    expect(planParts(MIN_PART_SIZE * 10000, MIN_PART_SIZE).count).toBe(10000);
  });

  it("cuts a known size into equal parts and a shorter last one", () => {
    const plan = planParts(250, MIN_PART_SIZE);
    expect(plan.count).toBe(1);
    const p = planParts(2 * MIN_PART_SIZE + 7, MIN_PART_SIZE);
    expect([1, 2, 3].map((n) => partSizeOf(p, n))).toEqual([MIN_PART_SIZE, MIN_PART_SIZE, 7]);
  });

  it("doubles part sizes every 1000 parts for unknown lengths, so 10,000 parts hold ≥ 1023 × 1000 × partSize", () => {
    const plan = planParts(undefined, undefined);
    expect(plan.schedule).toBe("doubling");
    expect(partSizeOf(plan, 1)).toBe(DEFAULT_PART_SIZE);
    expect(partSizeOf(plan, 1000)).toBe(DEFAULT_PART_SIZE);
    expect(partSizeOf(plan, 1001)).toBe(2 * DEFAULT_PART_SIZE);
    expect(partSizeOf(plan, 10000)).toBe(512 * DEFAULT_PART_SIZE);
    let capacity = 0;
    for (let n = 1; n <= MAX_PARTS; n++) capacity += partSizeOf(plan, n);
    expect(capacity).toBe(1023 * 1000 * DEFAULT_PART_SIZE);
    const huge = planParts(undefined, MAX_PART_SIZE);
    expect(partSizeOf(huge, 5000)).toBe(MAX_PART_SIZE); // capped
  });
});
