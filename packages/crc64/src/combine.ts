import { ValidationError } from "@oss-kit/errors";
import { describe, toCrc64Value } from "./decimal";
import { POLY_HI, POLY_LO } from "./register";

/**
 * A polynomial modulo the CRC-64/XZ polynomial, reflected (bit 63 is x^0, bit 0 is x^63), as
 * two signed 32-bit halves.
 */
interface Poly {
  readonly lo: number;
  readonly hi: number;
}

const MASK_32 = 0xffffffffn;
const MAX_LENGTH = 0xffffffffffffffffn;
const TWO_32 = 0x100000000;

/** x^0 = 1. */
const ONE: Poly = { lo: 0, hi: 0x80000000 | 0 };

/** `POWERS[k]` = x^(2^k) mod P, grown on demand (at most 67 entries: lengths < 2^64 bytes). */
const POWERS: Poly[] = [{ lo: 0, hi: 0x40000000 }];

/** Operators x^(8n) mod P by byte count n: multipart parts mostly share one size. */
const OPERATORS = new Map<number | string, Poly>();
const MAX_CACHED_OPERATORS = 64;

/** a·b mod P, carry-less (GF(2)), in the reflected representation: zlib's `multmodp`. */
function multiply(a: Poly, b: Poly): Poly {
  let bLo = b.lo;
  let bHi = b.hi;
  let pLo = 0;
  let pHi = 0;
  // Bits of `a` from x^0 (bit 63) up; `b` is multiplied by x at each step.
  for (let half = 0, word = a.hi; half < 2; half++, word = a.lo) {
    for (let bit = 31; bit >= 0; bit--) {
      if ((word >>> bit) & 1) {
        pLo ^= bLo;
        pHi ^= bHi;
      }
      const mask = -(bLo & 1);
      bLo = ((bLo >>> 1) | (bHi << 31)) ^ (POLY_LO & mask);
      bHi = (bHi >>> 1) ^ (POLY_HI & mask);
    }
  }
  return { lo: pLo, hi: pHi };
}

function power(k: number): Poly {
  while (POWERS.length <= k) {
    const last = POWERS[POWERS.length - 1]!;
    POWERS.push(multiply(last, last));
  }
  return POWERS[k]!;
}

/** x^(8n) mod P for n = hi·2^32 + lo bytes: square-and-multiply over the bits of n. */
function shiftOperator(lo: number, hi: number): Poly {
  let result = ONE;
  for (let bit = 0; bit < 64; bit++) {
    const word = bit < 32 ? lo : hi;
    if ((word >>> (bit & 31)) & 1) result = multiply(power(bit + 3), result);
  }
  return result;
}

function lengthOperator(length2: unknown): Poly | null {
  let lo: number;
  let hi: number;
  let key: number | string;
  if (typeof length2 === "number" && Number.isSafeInteger(length2) && length2 >= 0) {
    lo = length2 % TWO_32;
    hi = Math.floor(length2 / TWO_32);
    key = length2;
  } else if (typeof length2 === "bigint" && length2 >= 0n && length2 <= MAX_LENGTH) {
    lo = Number(length2 & MASK_32);
    hi = Number(length2 >> 32n);
    key = length2 <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(length2) : length2.toString();
  } else {
    throw new ValidationError({
      field: "length2",
      rule:
        typeof length2 === "number" || typeof length2 === "bigint"
          ? `must be a whole number of bytes from 0 to 2^64 - 1 (a safe integer as a number), got ${length2}`
          : `must be a number or a bigint, got ${describe(length2)}`,
      operation: "combineCrc64",
    });
  }
  if (lo === 0 && hi === 0) return null;
  let operator = OPERATORS.get(key);
  if (operator === undefined) {
    operator = shiftOperator(lo, hi);
    if (OPERATORS.size >= MAX_CACHED_OPERATORS) OPERATORS.clear();
    OPERATORS.set(key, operator);
  }
  return operator;
}

/**
 * The CRC-64 of `A ‖ B` from `crc1` = CRC(A), `crc2` = CRC(B) and `length2` = the length of B
 * in bytes, without the data: zlib's `crc32_combine` method (the CRC shifted through `length2`
 * zero bytes by multiplying with x^(8·length2) modulo the polynomial, in GF(2)), as the OSS SDKs
 * fold multipart part CRCs into the whole-object CRC. `length2 = 0` returns `crc1`.
 *
 * Cost: one 64-step multiply per call once the operator for a length is known; operators for
 * the most recent lengths are cached, so folding 10,000 equal-sized parts takes milliseconds.
 *
 * @param crc1 - CRC of the first part, a bigint or a decimal string.
 * @param crc2 - CRC of the second part, a bigint or a decimal string.
 * @param length2 - Length of the second part in bytes: a safe integer or a bigint below 2^64.
 * @returns CRC of the concatenation.
 * @throws {ValidationError} naming `crc1`, `crc2` or `length2` if it is
 *   out of range or of the wrong type.
 *
 * @example
 * ```ts
 * let whole = 0n;
 * for (const part of parts) whole = combineCrc64(whole, part.crc64, part.size);
 * ```
 */
export function combineCrc64(
  crc1: bigint | string,
  crc2: bigint | string,
  length2: number | bigint,
): bigint {
  const first = toCrc64Value(crc1, "crc1", "combineCrc64");
  const second = toCrc64Value(crc2, "crc2", "combineCrc64");
  const operator = lengthOperator(length2);
  if (operator === null) return first;
  const shifted = multiply(operator, {
    lo: Number(first & MASK_32) | 0,
    hi: Number(first >> 32n) | 0,
  });
  return ((BigInt(shifted.hi >>> 0) << 32n) | BigInt(shifted.lo >>> 0)) ^ second;
}
