import { ValidationError } from "@oss-kit/errors";

/** The smallest part OSS accepts (every part but the last): 100 KiB. */
export const MIN_PART_SIZE = 100 * 1024;
/** The largest part OSS accepts: 5 GiB. */
export const MAX_PART_SIZE: number = 5 * 1024 ** 3;
/** The most parts one multipart upload may have. */
export const MAX_PARTS = 10000;
/** The part size used when none is given (grown for large known sizes): 8 MiB. */
export const DEFAULT_PART_SIZE: number = 8 * 1024 * 1024;
/** For sources of unknown length, part sizes double after every this many parts. */
export const GROWTH_STEP = 1000;

/**
 * How an upload is cut into parts.
 *
 * - **Known size** (`fixed`): every part is `partSize` bytes but the last. Without a user part
 *   size, `partSize` starts at 8 MiB and grows (in whole MiB) until the part count is ≤ 10,000.
 * - **Unknown length** (`doubling`): parts 1–1000 are `partSize`, 1001–2000 twice that,
 *   2001–3000 four times, … (capped at 5 GiB), so 10,000 parts hold 1023 × 1000 × `partSize`
 *   (8 TiB with the 8 MiB default) and an upload never fails at part 10,001 first.
 */
export interface PartPlan {
  readonly schedule: "fixed" | "doubling";
  /** The first part's size. */
  readonly partSize: number;
  /** The source size, when known. */
  readonly size: number | undefined;
  /** The part count, when the size is known. */
  readonly count: number | undefined;
}

/** Checks a user's part size against the OSS limits. */
export function validatePartSize(value: unknown, field = "partSize"): number {
  if (
    typeof value !== "number" ||
    !Number.isSafeInteger(value) ||
    value < MIN_PART_SIZE ||
    value > MAX_PART_SIZE
  ) {
    throw new ValidationError({
      field,
      rule: `must be an integer from ${MIN_PART_SIZE} (100 KiB) to ${MAX_PART_SIZE} (5 GiB)`,
    });
  }
  return value;
}

/** Plans the parts of a source of `size` bytes (`undefined`: unknown length). */
export function planParts(size: number | undefined, partSize: number | undefined): PartPlan {
  if (partSize !== undefined) validatePartSize(partSize);
  if (size === undefined) {
    return {
      schedule: "doubling",
      partSize: partSize ?? DEFAULT_PART_SIZE,
      size,
      count: undefined,
    };
  }
  let chosen = partSize ?? DEFAULT_PART_SIZE;
  if (partSize === undefined) {
    const mib = 1024 * 1024;
    while (Math.ceil(size / chosen) > MAX_PARTS) chosen += mib;
  } else if (Math.ceil(size / chosen) > MAX_PARTS) {
    throw new ValidationError({
      field: "partSize",
      rule: `${partSize} bytes makes ${Math.ceil(size / partSize)} parts for ${size} bytes; OSS allows at most ${MAX_PARTS}`,
    });
  }
  if (chosen > MAX_PART_SIZE) {
    throw new ValidationError({ field: "source", rule: "is larger than 10,000 parts of 5 GiB" });
  }
  return {
    schedule: "fixed",
    partSize: chosen,
    size,
    count: Math.max(1, Math.ceil(size / chosen)),
  };
}

/** The size of part `n` (1-based) under a plan; for `fixed`, the last part may be shorter. */
export function partSizeOf(plan: PartPlan, n: number): number {
  if (plan.schedule === "doubling") {
    return Math.min(plan.partSize * 2 ** Math.floor((n - 1) / GROWTH_STEP), MAX_PART_SIZE);
  }
  const start = (n - 1) * plan.partSize;
  return Math.max(0, Math.min(plan.partSize, (plan.size ?? 0) - start));
}
