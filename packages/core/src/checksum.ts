import { Crc64, crc64, formatCrc64, parseCrc64 } from "@oss-kit/crc64";
import { ChecksumMismatchError } from "@oss-kit/errors";
import type { RequestBody } from "@oss-kit/transport";

/** The header in which OSS reports the CRC-64 of what it stored or sends. */
export const CRC64_HEADER = "x-oss-hash-crc64ecma";

/**
 * Wraps a body so that each read computes its CRC-64 on the way out: no second pass, no copy.
 * `digest()` is the CRC of the last read that reached the end (for bytes in memory, their CRC).
 */
export function crcTrackingBody(body: RequestBody): RequestBody & { digest(): bigint | undefined } {
  // Bytes in memory: their CRC now (a few microseconds for small bodies), and the body unchanged
  // so the transport can send it in one write.
  if (body.content instanceof Uint8Array) {
    const crc = crc64(body.content);
    return {
      length: body.length,
      oneShot: body.oneShot,
      content: body.content,
      open: () => body.open(),
      digest: () => crc,
    };
  }
  let last: bigint | undefined;
  return {
    length: body.length,
    oneShot: body.oneShot,
    digest: () => last,
    async *open() {
      last = undefined;
      const crc = new Crc64();
      for await (const chunk of body.open()) {
        crc.update(chunk);
        yield chunk;
      }
      last = crc.digest();
    },
  };
}

/**
 * Compares a client CRC with the server's header; throws {@link ChecksumMismatchError} when they
 * differ. A missing header is not a mismatch (some OSS-compatible servers send none).
 */
export function compareCrc(
  operation: string,
  client: bigint | undefined,
  serverHeader: string | undefined,
): void {
  if (client === undefined || serverHeader === undefined || serverHeader === "") return;
  let server: bigint;
  try {
    server = parseCrc64(serverHeader, CRC64_HEADER);
  } catch (cause) {
    throw new ChecksumMismatchError({
      operation,
      algorithm: "crc64ecma",
      client: formatCrc64(client),
      server: serverHeader,
      cause,
    });
  }
  if (server !== client) {
    throw new ChecksumMismatchError({
      operation,
      algorithm: "crc64ecma",
      client: formatCrc64(client),
      server: formatCrc64(server),
    });
  }
}

/**
 * Passes a response stream through, computing its CRC-64, and errors the stream with a
 * {@link ChecksumMismatchError} at the end if it differs from `expected` (the server's header).
 */
export function crcVerifyingStream(
  stream: ReadableStream<Uint8Array>,
  operation: string,
  expected: string,
): ReadableStream<Uint8Array> {
  const crc = new Crc64();
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        crc.update(chunk);
        controller.enqueue(chunk);
      },
      flush() {
        compareCrc(operation, crc.digest(), expected);
      },
    }),
  );
}
