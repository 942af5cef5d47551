import { ValidationError } from "@oss-kit/errors";
import type { PresignLifetime } from "./types";

/** The default lifetime of a presigned URL: 15 minutes. */
export const DEFAULT_PRESIGN_SECONDS = 900;
/** No URL outlives this, whatever the version (V1 has no limit of its own): 100 years. */
const ABSURD_SECONDS = 100 * 365 * 86400;

/**
 * The lifetime in whole seconds from `time`, and the absolute expiry, from `expiresIn` or
 * `expiration` (default 15 minutes).
 */
export function resolveLifetime(
  lifetime: PresignLifetime,
  time: Date,
): { seconds: number; expiration: Date } {
  const { expiresIn, expiration } = lifetime;
  if (expiresIn !== undefined && expiration !== undefined) {
    throw new ValidationError({
      field: "expiresIn",
      rule: "give expiresIn or expiration, not both",
    });
  }
  let seconds: number;
  if (expiration !== undefined) {
    if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime())) {
      throw new ValidationError({ field: "expiration", rule: "must be a valid Date" });
    }
    seconds = Math.floor((expiration.getTime() - time.getTime()) / 1000);
    if (seconds <= 0) {
      throw new ValidationError({ field: "expiration", rule: "must be after the signing time" });
    }
  } else if (expiresIn !== undefined) {
    if (typeof expiresIn !== "number" || !Number.isInteger(expiresIn) || expiresIn <= 0) {
      throw new ValidationError({
        field: "expiresIn",
        rule: "must be a positive whole number of seconds",
      });
    }
    seconds = expiresIn;
  } else {
    seconds = DEFAULT_PRESIGN_SECONDS;
  }
  if (seconds > ABSURD_SECONDS) {
    throw new ValidationError({
      field: expiration !== undefined ? "expiration" : "expiresIn",
      rule: "must be less than 100 years away",
    });
  }
  return { seconds, expiration: expiration ?? new Date(time.getTime() + seconds * 1000) };
}
