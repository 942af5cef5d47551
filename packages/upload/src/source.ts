import { ValidationError } from "@oss-kit/errors";
import { sha256Hex } from "./checkpoint";

/** What {@link UploadSource.prepare} learns about a source before anything is uploaded. */
export interface SourceInfo {
  /** Bytes, or `undefined` for a stream of unknown length. */
  readonly size: number | undefined;
  /** Identifies the content for resume; `undefined` for streams (the checkpoint id is used). */
  readonly fingerprint: string | undefined;
}

/**
 * Where an upload reads its bytes. Random-access sources (bytes, Blobs, files) implement
 * `readRange` and are read per part, straight from where they are; streams implement `chunks`
 * and are read once, in order. Build one with {@link toUploadSource} or `fileSource()` of
 * `@oss-kit/upload/fs`, or implement your own.
 */
export interface UploadSource {
  /** Checks the source and returns its size and fingerprint; called once, before any request. */
  prepare(): Promise<SourceInfo>;
  /** Bytes `[start, end)`, in chunks; callable again for the same range (retries). */
  readonly readRange?: ((start: number, end: number) => AsyncIterable<Uint8Array>) | undefined;
  /** The content in order; called at most once. */
  readonly chunks?: (() => AsyncIterable<Uint8Array>) | undefined;
  /** A stable name for the default checkpoint id (a file's absolute path), if any. */
  readonly identity?: string | undefined;
}

/** What `uploadObject` accepts as `source`. */
export type UploadSourceInput =
  | UploadSource
  | Uint8Array
  | ArrayBufferView
  | ArrayBuffer
  | string
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

/** In-memory sources are handed out in slices of this size. */
const SLICE = 1024 * 1024;
/** How many bytes a sampled fingerprint reads at each of the start, middle and end. */
const SAMPLE = 64 * 1024;

/** Size + a SHA-256 over three 64 KiB samples (start, middle, end). */
export async function sampledFingerprint(
  size: number,
  read: (start: number, end: number) => Promise<Uint8Array>,
): Promise<string> {
  const starts = [
    ...new Set([0, Math.max(0, Math.floor(size / 2) - SAMPLE / 2), Math.max(0, size - SAMPLE)]),
  ];
  const samples: Uint8Array[] = [];
  for (const start of starts) samples.push(await read(start, Math.min(size, start + SAMPLE)));
  const total = samples.reduce((n, s) => n + s.byteLength, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const s of samples) {
    joined.set(s, at);
    at += s.byteLength;
  }
  return `size=${size};sample-sha256=${await sha256Hex(joined)}`;
}

function bytesSource(bytes: Uint8Array): UploadSource {
  return {
    prepare: async () => ({
      size: bytes.byteLength,
      fingerprint: await sampledFingerprint(bytes.byteLength, async (s, e) => bytes.subarray(s, e)),
    }),
    async *readRange(start, end) {
      for (let at = start; at < end; at += SLICE)
        yield bytes.subarray(at, Math.min(end, at + SLICE));
    },
  };
}

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

function blobSource(blob: Blob): UploadSource {
  return {
    prepare: async () => ({
      size: blob.size,
      fingerprint: await sampledFingerprint(blob.size, (s, e) => blobBytes(blob.slice(s, e))),
    }),
    async *readRange(start, end) {
      for (let at = start; at < end; at += SLICE) {
        yield await blobBytes(blob.slice(at, Math.min(end, at + SLICE)));
      }
    },
  };
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof (value as ReadableStream).getReader === "function";
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return new TextEncoder().encode(chunk);
  if (ArrayBuffer.isView(chunk))
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new ValidationError({ field: "source", rule: "a stream must yield bytes or strings" });
}

function streamSource(open: () => AsyncIterable<unknown>): UploadSource {
  let used = false;
  return {
    prepare: async () => ({ size: undefined, fingerprint: undefined }),
    async *chunks() {
      if (used) throw new ValidationError({ field: "source", rule: "a stream can be read once" });
      used = true;
      for await (const chunk of open()) yield toBytes(chunk);
    },
  };
}

async function* readWebStream(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** Whether `value` is already an {@link UploadSource}. */
export function isUploadSource(value: unknown): value is UploadSource {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as UploadSource).prepare === "function"
  );
}

/**
 * Turns upload input into an {@link UploadSource}: bytes and text (UTF-8) and Blobs are
 * random-access, read per part without copying; a web `ReadableStream`, a Node `Readable` or any
 * async iterable of bytes is a stream of unknown length. For a file, use `fileSource(path)` of
 * `@oss-kit/upload/fs`.
 *
 * @throws `ValidationError` (field `source`) for anything else.
 */
export function toUploadSource(input: UploadSourceInput): UploadSource {
  if (isUploadSource(input)) return input;
  if (typeof input === "string") return bytesSource(new TextEncoder().encode(input));
  if (input instanceof Uint8Array) return bytesSource(input);
  if (ArrayBuffer.isView(input)) {
    return bytesSource(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
  }
  if (input instanceof ArrayBuffer) return bytesSource(new Uint8Array(input));
  if (typeof Blob !== "undefined" && input instanceof Blob) return blobSource(input);
  if (isReadableStream(input)) return streamSource(() => readWebStream(input));
  if (isAsyncIterable(input)) return streamSource(() => input);
  throw new ValidationError({
    field: "source",
    rule: "must be a Uint8Array, ArrayBuffer, string, Blob, ReadableStream, Node Readable, async iterable or fileSource(path)",
  });
}
