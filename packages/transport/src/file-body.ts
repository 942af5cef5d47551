import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { ValidationError } from "@oss-kit/errors";
import type { RequestBody } from "./types";

/** Options of {@link fileBody}: a byte range of the file, `start` inclusive, `end` exclusive. */
export interface FileBodyOptions {
  /** First byte to send; default 0. */
  start?: number | undefined;
  /** Byte after the last one to send (exclusive, like `Blob.slice`); default the file's size. */
  end?: number | undefined;
  /** Read size in bytes; default 1 MiB (Node's default of 64 KiB makes large uploads slower). */
  highWaterMark?: number | undefined;
}

/** The default read size of file bodies: 1 MiB. */
export const FILE_READ_SIZE = 1024 * 1024;

/**
 * A re-openable body reading a file, or the byte range `[start, end)` of it, from disk: nothing is
 * held in memory beyond one read of `highWaterMark` bytes. Its length is known, so it is sent with
 * `Content-Length`, and each `open()` reads the range again, so retries can resend it. Node only
 * (it is exported by the package's `node` entry).
 *
 * The file is `stat`ed once, here; a file that changes size between `open()`s fails the read with a
 * `ValidationError` rather than sending other bytes than announced.
 *
 * @throws `ValidationError` (field `path`) when the file cannot be read, (fields `start`/`end`)
 *   for a range that is not within the file.
 *
 * @example
 * ```ts
 * // The second 5 MiB part of a large file, for a multipart upload:
 * const part = await fileBody("/data/video.mp4", { start: 5 * 2 ** 20, end: 10 * 2 ** 20 });
 * part.length; // 5242880
 * ```
 */
export async function fileBody(
  path: string | URL,
  options: FileBodyOptions = {},
): Promise<RequestBody> {
  let size: number;
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new Error("not a regular file");
    size = stats.size;
  } catch (error) {
    throw new ValidationError({
      field: "path",
      rule: `cannot read ${String(path)}: ${(error as Error).message}`,
      cause: error,
    });
  }
  const start = options.start ?? 0;
  const end = options.end ?? size;
  const highWaterMark = options.highWaterMark ?? FILE_READ_SIZE;
  if (!Number.isSafeInteger(start) || start < 0 || start > size) {
    throw new ValidationError({ field: "start", rule: `must be an integer from 0 to ${size}` });
  }
  if (!Number.isSafeInteger(end) || end < start || end > size) {
    throw new ValidationError({
      field: "end",
      rule: `must be an integer from ${start} to ${size}`,
    });
  }
  if (!Number.isSafeInteger(highWaterMark) || highWaterMark < 1) {
    throw new ValidationError({ field: "highWaterMark", rule: "must be a positive integer" });
  }
  const length = end - start;
  return {
    length,
    oneShot: false,
    async *open() {
      if (length === 0) return;
      // createReadStream's `end` is inclusive.
      const stream = createReadStream(path, { start, end: end - 1, highWaterMark });
      let read = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.byteLength;
        yield chunk;
      }
      if (read !== length) {
        throw new ValidationError({
          field: "path",
          rule: `${String(path)} changed while being read: expected ${length} bytes, read ${read}`,
        });
      }
    },
  };
}
