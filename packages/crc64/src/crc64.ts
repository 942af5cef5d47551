import { updateRegister } from "./backend";
import { toCrc64Value } from "./decimal";
import { type Crc64Input, toBytes } from "./input";
import { crcFromRegister, type Register, registerFromCrc } from "./register";

/**
 * CRC-64 of `data` exactly as OSS computes `x-oss-hash-crc64ecma`: CRC-64/XZ (reflected
 * polynomial 0xC96C5795D7870F42, initial value and final xor all ones).
 *
 * @param data - The bytes; a string is taken as its UTF-8 bytes. Views (`Buffer`, `DataView`,
 *   any typed array or a `subarray`) are read in place, not copied.
 * @param previous - A previous CRC RESULT to continue from, as OSS's and the SDKs'
 *   `InitHashCRC64`: `crc64(B, crc64(A))` equals `crc64(A ‖ B)`. Default `0n`, the CRC of no
 *   bytes. A bigint or a decimal string.
 * @returns The CRC as an unsigned 64-bit bigint; {@link formatCrc64} makes the header value.
 * @throws {ValidationError} (field `data` or `previous`) for input of the
 *   wrong type or a `previous` that is not an unsigned 64-bit value.
 *
 * @example
 * ```ts
 * crc64("123456789"); // 11051210869376104954n
 * crc64(" world", crc64("hello")) === crc64("hello world"); // true
 * ```
 */
export function crc64(data: Crc64Input, previous?: bigint | string): bigint {
  const register = registerFromCrc(
    previous === undefined ? 0n : toCrc64Value(previous, "previous", "crc64"),
  );
  updateRegister(register, toBytes(data, "data", "crc64"));
  return crcFromRegister(register);
}

/**
 * An incremental CRC-64 (CRC-64/XZ, as OSS's `x-oss-hash-crc64ecma`), for data that arrives in
 * chunks: feed each chunk to {@link Crc64.update}, read the result with {@link Crc64.digest}.
 *
 * @example
 * ```ts
 * const crc = new Crc64();
 * for await (const chunk of stream) crc.update(chunk);
 * request.headers["x-oss-hash-crc64ecma"] = crc.toString();
 * ```
 */
export class Crc64 {
  readonly #initial: bigint;
  #register: Register;

  /**
   * @param initial - A previous CRC result to continue from (see {@link crc64}'s `previous`),
   *   e.g. the CRC of the object an append continues. Default `0n`. A bigint or a decimal
   *   string.
   * @throws {ValidationError} (field `initial`) if it is not an unsigned
   *   64-bit value.
   */
  constructor(initial?: bigint | string) {
    this.#initial = initial === undefined ? 0n : toCrc64Value(initial, "initial", "Crc64");
    this.#register = registerFromCrc(this.#initial);
  }

  /**
   * Feeds the next chunk.
   *
   * @param chunk - The bytes; a string is taken as its UTF-8 bytes. Read in place, not kept.
   * @returns This instance, for chaining.
   * @throws {ValidationError} (field `chunk`) for a chunk of the wrong
   *   type; the state is then unchanged.
   */
  update(chunk: Crc64Input): this {
    updateRegister(this.#register, toBytes(chunk, "chunk", "Crc64.update"));
    return this;
  }

  /**
   * The CRC of everything fed so far (continuing from `initial`). Does not end the
   * computation: more chunks may follow.
   *
   * @returns The CRC as an unsigned 64-bit bigint.
   */
  digest(): bigint {
    return crcFromRegister(this.#register);
  }

  /**
   * The CRC of everything fed so far as an unsigned decimal string, the form OSS uses in
   * `x-oss-hash-crc64ecma`.
   */
  toString(): string {
    return this.digest().toString(10);
  }

  /**
   * Starts over from the `initial` value given to the constructor (not from `0n`), as Go's
   * `Reset()` in the OSS SDK does.
   *
   * @returns This instance, for chaining.
   */
  reset(): this {
    this.#register = registerFromCrc(this.#initial);
    return this;
  }
}
