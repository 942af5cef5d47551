import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { ValidationError } from "@oss-kit/errors";
import { sampledFingerprint, type UploadSource } from "./source";

/** Files are read in chunks of this size. */
const READ = 1024 * 1024;

async function readAt(path: string, start: number, end: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(end - start);
    let filled = 0;
    while (filled < buffer.byteLength) {
      const { bytesRead } = await handle.read(
        buffer,
        filled,
        buffer.byteLength - filled,
        start + filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * A file on disk as an upload source. Each part is read from its byte range in 1 MiB reads when
 * it is sent (and again on a retry): a file is never held in memory. The fingerprint for resume
 * is size + mtime + a SHA-256 over three 64 KiB samples; `prepare()` fails with a
 * `ValidationError` (field `source`) for a missing file or a directory, before any request.
 *
 * @example
 * ```ts
 * await uploadObject({ client, bucket, key, source: fileSource("./video.mp4") }).done();
 * ```
 */
export function fileSource(path: string): UploadSource {
  if (typeof path !== "string" || path === "") {
    throw new ValidationError({
      field: "source",
      rule: "the file path must be a non-empty string",
    });
  }
  const absolute = resolve(path);
  return {
    identity: `file:${absolute}`,
    async prepare() {
      let info: Awaited<ReturnType<typeof stat>>;
      try {
        info = await stat(absolute);
      } catch (cause) {
        throw new ValidationError({ field: "source", rule: `cannot read ${absolute}`, cause });
      }
      if (!info.isFile()) {
        throw new ValidationError({ field: "source", rule: `${absolute} is not a regular file` });
      }
      const size = info.size;
      const sample = await sampledFingerprint(size, (s, e) => readAt(absolute, s, e));
      return { size, fingerprint: `${sample};mtime=${info.mtimeMs}` };
    },
    async *readRange(start, end) {
      const handle = await open(absolute, "r");
      try {
        let at = start;
        while (at < end) {
          const buffer = new Uint8Array(Math.min(READ, end - at));
          const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, at);
          if (bytesRead === 0) return;
          at += bytesRead;
          yield bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead);
        }
      } finally {
        await handle.close();
      }
    },
  };
}
