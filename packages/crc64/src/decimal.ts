import { ValidationError } from "@oss-kit/errors";

/** The largest CRC-64 value, 2^64 − 1. */
const MAX_CRC64 = 0xffffffffffffffffn;

const DIGITS = /^[0-9]{1,20}$/;

/**
 * Formats a CRC-64 value as OSS sends it in `x-oss-hash-crc64ecma`: the unsigned 64-bit
 * integer in decimal, no sign, no leading zeros.
 *
 * @param value - A CRC-64 value, `0n` to `2n ** 64n - 1n`.
 * @returns Its decimal digits.
 * @throws {ValidationError} (field `value`) if `value` is not a bigint in
 *   that range.
 *
 * @example
 * ```ts
 * formatCrc64(crc64("123456789")); // "11051210869376104954"
 * ```
 */
export function formatCrc64(value: bigint): string {
  if (typeof value !== "bigint") {
    throw new ValidationError({
      field: "value",
      rule: `must be a bigint, got ${describe(value)}`,
      operation: "formatCrc64",
    });
  }
  return toCrc64Value(value, "value", "formatCrc64").toString(10);
}

/**
 * Parses a CRC-64 value as OSS sends it (an `x-oss-hash-crc64ecma` header, an SDK's
 * `InitHashCRC64`): 1 to 20 decimal digits, at most 2^64 − 1. Nothing else is accepted: no
 * sign, no spaces, no hex, no exponent. Leading zeros are allowed.
 *
 * @param text - The decimal string.
 * @param field - The name to report in the error if `text` is rejected; default `"crc64"`.
 * @returns The value as an unsigned bigint.
 * @throws {ValidationError} naming `field` if `text` is not such a string.
 *
 * @example
 * ```ts
 * parseCrc64(response.headers.get("x-oss-hash-crc64ecma") ?? "", "x-oss-hash-crc64ecma");
 * ```
 */
export function parseCrc64(text: string, field = "crc64"): bigint {
  return parseDecimal(text, field, "parseCrc64");
}

function parseDecimal(text: unknown, field: string, operation: string): bigint {
  if (typeof text !== "string") {
    throw new ValidationError({
      field,
      rule: `must be a decimal string, got ${describe(text)}`,
      operation,
    });
  }
  if (!DIGITS.test(text)) {
    throw new ValidationError({
      field,
      rule: `must be 1 to 20 decimal digits (an unsigned 64-bit integer), got ${quote(text)}`,
      operation,
    });
  }
  const value = BigInt(text);
  if (value > MAX_CRC64) {
    throw new ValidationError({
      field,
      rule: `must be at most 18446744073709551615 (2^64 - 1), got ${text}`,
      operation,
    });
  }
  return value;
}

/**
 * Checks a CRC-64 value given as a bigint or a decimal string and returns it as a bigint.
 *
 * @internal
 */
export function toCrc64Value(value: unknown, field: string, operation: string): bigint {
  if (typeof value === "bigint") {
    if (value < 0n || value > MAX_CRC64) {
      throw new ValidationError({
        field,
        rule: `must be an unsigned 64-bit integer (0 to 2^64 - 1), got ${value}`,
        operation,
      });
    }
    return value;
  }
  if (typeof value === "string") return parseDecimal(value, field, operation);
  throw new ValidationError({
    field,
    rule: `must be a bigint or a decimal string, got ${describe(value)}`,
    operation,
  });
}

/** A short description of an unexpected value's type, for error rules. @internal */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "object") {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" && name !== "" ? `a ${name}` : "an object";
  }
  return typeof value;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
