import { ValidationError } from "@oss-kit/errors";
import type { RequestBody } from "./types";

/**
 * What {@link toRequestBody} accepts: bytes (`Uint8Array`, Node `Buffer`, any `ArrayBufferView`,
 * `ArrayBuffer`), text (sent as UTF-8), a `Blob` (or `File`), a web `ReadableStream`, a Node
 * `Readable` or any other async iterable of bytes, or a {@link RequestBody} (returned as is).
 */
export type RequestBodyInput =
  | RequestBody
  | Uint8Array
  | ArrayBufferView
  | ArrayBuffer
  | string
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

/** Options of {@link toRequestBody}. */
export interface ToRequestBodyOptions {
  /**
   * The length in bytes of a stream, when the caller knows it (it becomes `Content-Length`). Bytes,
   * text and Blobs know their own length; a given `length` must agree with it.
   */
  length?: number | undefined;
}

/** In-memory bodies are handed out in slices of this size, so upload progress has a grain. */
const SLICE = 256 * 1024;

/**
 * Whether `value` is a {@link RequestBody}: an object with an `open()` method and a `oneShot` flag.
 *
 * @example
 * ```ts
 * isRequestBody(toRequestBody("hi")); // true
 * isRequestBody("hi"); // false
 * ```
 */
export function isRequestBody(value: unknown): value is RequestBody {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as RequestBody).open === "function" &&
    typeof (value as RequestBody).oneShot === "boolean"
  );
}

/**
 * Wraps request content as a {@link RequestBody}.
 *
 * Bytes, text and Blobs are re-openable: each `open()` reads them again from the start, so a
 * retry can resend them, and their length is known. Nothing is copied: bytes are handed out as
 * views in 256 KiB slices. Streams (a web `ReadableStream`, a Node `Readable`, any async iterable)
 * are **one-shot**: they can be opened once, their length is unknown unless given, and a request
 * whose one-shot body was opened is never retried. For a file, use `fileBody()` from the Node entry:
 * it is re-openable and knows its length.
 *
 * @throws `ValidationError` (field `body`) for anything else, or a `length` that is not a
 *   non-negative integer or disagrees with the content.
 *
 * @example
 * ```ts
 * const body = toRequestBody("hello");
 * body.length; // 5
 * body.oneShot; // false
 * for await (const chunk of body.open()) console.log(chunk); // Uint8Array(5)
 * ```
 */
export function toRequestBody(
  input: RequestBodyInput,
  options: ToRequestBodyOptions = {},
): RequestBody {
  const given = options.length;
  if (given !== undefined && (!Number.isSafeInteger(given) || given < 0)) {
    throw new ValidationError({ field: "body.length", rule: "must be a non-negative integer" });
  }
  if (isRequestBody(input)) return input;
  if (typeof input === "string") return bytesBody(new TextEncoder().encode(input), given);
  if (input instanceof Uint8Array) return bytesBody(input, given);
  if (ArrayBuffer.isView(input)) {
    return bytesBody(new Uint8Array(input.buffer, input.byteOffset, input.byteLength), given);
  }
  if (input instanceof ArrayBuffer) return bytesBody(new Uint8Array(input), given);
  if (typeof Blob !== "undefined" && input instanceof Blob) return blobBody(input, given);
  if (isReadableStream(input)) return oneShotBody(() => readStream(input), given);
  if (isAsyncIterable(input)) return oneShotBody(() => readIterable(input), given);
  throw new ValidationError({
    field: "body",
    rule: "must be a Uint8Array, ArrayBuffer, string, Blob, ReadableStream, Node Readable or async iterable of bytes",
  });
}

function checkLength(actual: number, given: number | undefined): void {
  if (given !== undefined && given !== actual) {
    throw new ValidationError({
      field: "body.length",
      rule: `is ${given} but the content has ${actual} bytes`,
    });
  }
}

function bytesBody(bytes: Uint8Array, given: number | undefined): RequestBody {
  checkLength(bytes.byteLength, given);
  return {
    length: bytes.byteLength,
    oneShot: false,
    content: bytes,
    async *open() {
      for (let at = 0; at < bytes.byteLength; at += SLICE) {
        yield bytes.subarray(at, Math.min(at + SLICE, bytes.byteLength));
      }
    },
  };
}

function blobBody(blob: Blob, given: number | undefined): RequestBody {
  checkLength(blob.size, given);
  return {
    length: blob.size,
    oneShot: false,
    content: blob,
    open: () => readStream(blob.stream() as ReadableStream<Uint8Array>),
  };
}

function oneShotBody(
  read: () => AsyncIterable<Uint8Array>,
  given: number | undefined,
): RequestBody {
  let opened = false;
  return {
    length: given,
    oneShot: true,
    open() {
      if (opened) {
        throw new ValidationError({
          field: "body",
          rule: "a one-shot body (a stream) can be opened only once; use bytes, a Blob or fileBody() to allow retries",
        });
      }
      opened = true;
      return read();
    },
  };
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ReadableStream).getReader === "function" &&
    typeof (value as ReadableStream).tee === "function"
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function"
  );
}

/** Reads a web stream with a reader (async iteration of streams is not in every browser). */
async function* readStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    while (true) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield checkChunk(next.value);
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

async function* readIterable(iterable: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  for await (const chunk of iterable) yield checkChunk(chunk);
}

function checkChunk(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return new TextEncoder().encode(chunk);
  if (ArrayBuffer.isView(chunk)) {
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  throw new ValidationError({
    field: "body",
    rule: "a stream body must yield Uint8Array (or string) chunks",
  });
}
