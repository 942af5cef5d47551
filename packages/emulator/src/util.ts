import { Crc64, formatCrc64 } from "@oss-kit/crc64";
import { md5Js } from "./md5";

/** Shape of `node:crypto` this package uses, reached without a static `node:` import. */
interface NodeCrypto {
  createHash(algorithm: "md5"): { update(data: Uint8Array): unknown; digest(): Uint8Array };
}

let nodeCrypto: NodeCrypto | null | undefined;

function findNodeCrypto(): NodeCrypto | null {
  if (nodeCrypto === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    try {
      nodeCrypto = (proc?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined) ?? null;
    } catch {
      nodeCrypto = null;
    }
  }
  return nodeCrypto;
}

/** The 16-byte MD5 of `data`: `node:crypto` when the runtime has it, plain TypeScript otherwise. */
export function md5(data: Uint8Array): Uint8Array {
  const node = findNodeCrypto();
  if (!node) return md5Js(data);
  const hash = node.createHash("md5");
  hash.update(data);
  return new Uint8Array(hash.digest());
}

/** An incremental MD5 (buffering the chunks where `node:crypto` is missing). */
export function md5Incremental(): { update(chunk: Uint8Array): void; digest(): Uint8Array } {
  const node = findNodeCrypto();
  if (node) {
    const hash = node.createHash("md5");
    return {
      update: (chunk) => {
        hash.update(chunk);
      },
      digest: () => new Uint8Array(hash.digest()),
    };
  }
  const chunks: Uint8Array[] = [];
  return {
    update: (chunk) => {
      chunks.push(chunk.slice());
    },
    digest: () => md5Js(concat(chunks)),
  };
}

/** Size, MD5 and CRC-64 of bytes that went through a {@link digestingStream}. */
export interface StreamDigest {
  /** Bytes seen. */
  size: number;
  /** Their MD5. */
  md5: Uint8Array;
  /** Their CRC-64. */
  crc64: bigint;
}

/**
 * Passes a body through unchanged while measuring it; call `digest()` once the stream has been
 * read to its end.
 */
export function digestingStream(body: ReadableStream<Uint8Array> | null): {
  stream: ReadableStream<Uint8Array>;
  digest(): StreamDigest;
} {
  const hash = md5Incremental();
  const crc = new Crc64();
  let size = 0;
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      crc.update(chunk);
      size += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const source = body ?? new Blob([]).stream();
  return {
    stream: source.pipeThrough(transform),
    digest: () => ({ size, md5: hash.digest(), crc64: crc.digest() }),
  };
}

/** Uppercase hex of some bytes. */
export function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out.toUpperCase();
}

/** Bytes from hex (either case). */
export function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >>> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard base64 of some bytes. */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes standard base64, or `undefined` when it is not valid base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Base64 of a UTF-8 string. */
export function base64Text(text: string): string {
  return base64(new TextEncoder().encode(text));
}

/** 24 uppercase hex characters, the shape of OSS request ids. */
export function requestId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return hex(bytes);
}

/** 32 uppercase hex characters, the shape of OSS upload ids. */
export function uploadId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return hex(bytes);
}

/** RFC 1123 GMT, as in `Date` and `Last-Modified`. */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

/** ISO 8601 with milliseconds, as in XML bodies. */
export function isoDate(date: Date): string {
  return date.toISOString();
}

/** CRC-64 as OSS sends it: unsigned decimal. */
export function crcText(crc: bigint): string {
  return formatCrc64(crc);
}

/** Concatenates byte arrays. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Percent-encodes a key-like value for `encoding-type=url` (`/` → `%2F`, space → `%20`). */
export function urlEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
