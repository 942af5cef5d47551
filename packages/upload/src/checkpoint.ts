import { CheckpointCorruptError } from "./errors";

/** The checkpoint schema version this package writes and reads. */
export const CHECKPOINT_VERSION = 1;

/** One completed part, as recorded in a checkpoint. */
export interface CheckpointPart {
  /** Part number, 1–10000. */
  readonly number: number;
  /** Bytes. */
  readonly size: number;
  /** The ETag OSS returned, without quotes. */
  readonly etag: string;
  /** The part's CRC-64/ECMA as a decimal string, when known. */
  readonly crc64: string | undefined;
}

/**
 * The state of one resumable multipart upload (schema version 1). It is written after the
 * upload is initiated and after every completed part, and deleted when the upload completes.
 * It never holds credentials or object data; object headers are pinned by a hash only.
 */
export interface Checkpoint {
  /** Always {@link CHECKPOINT_VERSION}. */
  readonly version: 1;
  /** The multipart upload ID. */
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  /** SHA-256 (hex) over the options that must not change: object headers, CRC setting. */
  readonly optionsHash: string;
  /** How parts are cut: `fixed` for a known size, `doubling` for unknown length. */
  readonly schedule: "fixed" | "doubling";
  /** The (first) part size in bytes. */
  readonly partSize: number;
  /** The source size, or `null` for a stream of unknown length. */
  readonly size: number | null;
  /**
   * Identifies the source: size + mtime + sampled SHA-256 for files, size + sampled SHA-256 for
   * bytes and Blobs, the caller's checkpoint id for streams.
   */
  readonly fingerprint: string;
  /** Every completed part, by ascending number (gaps allowed). */
  readonly parts: readonly CheckpointPart[];
  /** ISO 8601 time of the last write. */
  readonly updatedAt: string;
}

/** Lower-case hex SHA-256 of UTF-8 text (WebCrypto: Node 20+, browsers, Deno, Bun). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Serializes a checkpoint as stored: `{"format":"oss-kit-checkpoint","sha256":…,"body":…}`, where
 * `body` is the checkpoint's JSON text and `sha256` its hash, so any change is detected.
 */
export async function encodeCheckpoint(checkpoint: Checkpoint): Promise<string> {
  const body = JSON.stringify(checkpoint);
  return JSON.stringify({ format: "oss-kit-checkpoint", sha256: await sha256Hex(body), body });
}

function isPart(value: unknown): value is CheckpointPart {
  const p = value as CheckpointPart;
  return (
    typeof p === "object" &&
    p !== null &&
    Number.isSafeInteger(p.number) &&
    p.number >= 1 &&
    p.number <= 10000 &&
    Number.isSafeInteger(p.size) &&
    p.size >= 0 &&
    typeof p.etag === "string" &&
    (p.crc64 === undefined || typeof p.crc64 === "string")
  );
}

/**
 * Parses and verifies stored checkpoint text.
 *
 * @throws {@link CheckpointCorruptError} when the text is not a checkpoint, its hash does not
 *   match, or its schema is unknown or invalid.
 */
export async function decodeCheckpoint(text: string): Promise<Checkpoint> {
  let envelope: { format?: unknown; sha256?: unknown; body?: unknown };
  try {
    envelope = JSON.parse(text) as typeof envelope;
  } catch (cause) {
    throw new CheckpointCorruptError("not JSON", { cause });
  }
  if (
    typeof envelope !== "object" ||
    envelope === null ||
    envelope.format !== "oss-kit-checkpoint" ||
    typeof envelope.body !== "string" ||
    typeof envelope.sha256 !== "string"
  ) {
    throw new CheckpointCorruptError("not an oss-kit checkpoint");
  }
  if ((await sha256Hex(envelope.body)) !== envelope.sha256) {
    throw new CheckpointCorruptError("integrity hash mismatch");
  }
  let c: Checkpoint;
  try {
    c = JSON.parse(envelope.body) as Checkpoint;
  } catch (cause) {
    throw new CheckpointCorruptError("body is not JSON", { cause });
  }
  if (typeof c !== "object" || c === null || c.version !== CHECKPOINT_VERSION) {
    throw new CheckpointCorruptError(`unknown schema version ${String(c?.version)}`);
  }
  const valid =
    typeof c.uploadId === "string" &&
    c.uploadId !== "" &&
    typeof c.bucket === "string" &&
    typeof c.key === "string" &&
    typeof c.optionsHash === "string" &&
    (c.schedule === "fixed" || c.schedule === "doubling") &&
    Number.isSafeInteger(c.partSize) &&
    (c.size === null || Number.isSafeInteger(c.size)) &&
    typeof c.fingerprint === "string" &&
    Array.isArray(c.parts) &&
    c.parts.every(isPart);
  if (!valid) throw new CheckpointCorruptError("invalid schema");
  return c;
}
