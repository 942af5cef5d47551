import { ValidationError } from "@oss-kit/errors";
import { Crc64 } from "./crc64";
import { describe } from "./decimal";
import type { Crc64Input } from "./input";

/**
 * CRC-64 (as OSS's `x-oss-hash-crc64ecma`) of everything a stream yields.
 *
 * @param source - A web `ReadableStream` (read with a reader, so it also works where streams
 *   are not async-iterable) or any async iterable of chunks, e.g. Node's `fs.createReadStream`.
 *   Chunks may be any {@link Crc64Input}; strings are taken as UTF-8.
 * @returns The CRC as an unsigned 64-bit bigint.
 * @throws {ValidationError} (field `source`) if `source` is neither; field
 *   `chunk` for a chunk of the wrong type. Errors of the stream itself propagate unchanged.
 *
 * @example
 * ```ts
 * const crc = await crc64OfStream((await fetch(url)).body!);
 * ```
 */
export async function crc64OfStream(
  source: AsyncIterable<Crc64Input> | ReadableStream<Crc64Input>,
): Promise<bigint> {
  const crc = new Crc64();
  if (isReadableStream(source)) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        crc.update(value);
      }
    } catch (error) {
      await reader.cancel(error).catch(() => {});
      throw error;
    } finally {
      reader.releaseLock();
    }
  } else if (isAsyncIterable(source)) {
    for await (const chunk of source) crc.update(chunk);
  } else {
    throw new ValidationError({
      field: "source",
      rule: `must be a ReadableStream or an async iterable of byte chunks, got ${describe(source)}`,
      operation: "crc64OfStream",
    });
  }
  return crc.digest();
}

function isReadableStream(value: unknown): value is ReadableStream<Crc64Input> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { getReader?: unknown }).getReader === "function"
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Crc64Input> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function"
  );
}
