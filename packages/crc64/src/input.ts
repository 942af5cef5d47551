import { ValidationError } from "@oss-kit/errors";
import { describe } from "./decimal";

/**
 * Data a CRC-64 can be computed over: a `Uint8Array` (or `Buffer`), any other typed array or
 * `DataView` (its bytes, in place), an `ArrayBuffer` or `SharedArrayBuffer`, or a string (its
 * UTF-8 bytes).
 */
export type Crc64Input = Uint8Array | ArrayBufferView | ArrayBufferLike | string;

let encoder: TextEncoder | undefined;

function isArrayBuffer(value: object): value is ArrayBufferLike {
  if (value instanceof ArrayBuffer) return true;
  const tag = Object.prototype.toString.call(value);
  return tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]";
}

/**
 * The bytes of `data` as a `Uint8Array`, without copying binary input. Strings are encoded as
 * UTF-8 (a lone surrogate becomes U+FFFD, as in `TextEncoder` and Node's `Buffer.from`).
 *
 * @internal
 */
export function toBytes(data: unknown, field: string, operation: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data === "string") {
    encoder ??= new TextEncoder();
    return encoder.encode(data);
  }
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === "object" && data !== null && isArrayBuffer(data)) return new Uint8Array(data);
  throw new ValidationError({
    field,
    rule: `must be a Uint8Array, an ArrayBufferView, an ArrayBuffer or a string, got ${describe(data)}`,
    operation,
  });
}
