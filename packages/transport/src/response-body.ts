import { ValidationError } from "@oss-kit/errors";
import type { ResponseBody } from "./types";

/** `discard()` reads and drops up to this many bytes, so a small body keeps its connection alive. */
const DISCARD_LIMIT = 64 * 1024;

/**
 * A {@link ResponseBody} over a web stream: one of `stream()`, `bytes()`, `text()` or `discard()`
 * may be called, once; a second call throws a `ValidationError` naming `response.body`.
 */
export function createResponseBody(stream: ReadableStream<Uint8Array>): ResponseBody {
  let used: string | undefined;
  const take = (how: string): void => {
    if (used !== undefined) {
      throw new ValidationError({
        field: "response.body",
        rule: `is read once, and was already read with ${used}(); ${how}() cannot read it again`,
      });
    }
    used = how;
  };
  return {
    stream() {
      take("stream");
      return stream;
    },
    async bytes() {
      take("bytes");
      return readAll(stream);
    },
    async text() {
      take("text");
      return new TextDecoder().decode(await readAll(stream));
    },
    async discard() {
      take("discard");
      const reader = stream.getReader();
      try {
        let dropped = 0;
        while (dropped <= DISCARD_LIMIT) {
          const next = await reader.read();
          if (next.done) return;
          dropped += next.value.byteLength;
        }
        await reader.cancel();
      } catch {
        // A failure while dropping a body does not matter to the caller.
      }
    },
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const next = await reader.read();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.byteLength;
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
