import { Crc64 } from "@oss-kit/crc64";
import { ServiceError } from "@oss-kit/errors";
import type { RequestBody } from "@oss-kit/transport";
import { CRC64_HEADER, compareCrc } from "../checksum";
import {
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import {
  fail,
  headerValue,
  integer,
  validateBucket,
  validateInput,
  validateKey,
} from "../validate";
import { headerInt } from "./object-common";
import {
  type BodyInput,
  type ObjectWriteOptions,
  objectWriteHeaders,
  requestBody,
} from "./put-object";

/** The largest an Appendable object may grow: 5 GB. */
export const APPEND_MAX_OBJECT_SIZE = 5 * 1024 ** 3;

/** Input of {@link AppendObject}. Object-level options only take effect on the first append. */
export interface AppendObjectInput extends Omit<ObjectWriteOptions, "forbidOverwrite"> {
  bucket: string;
  key: string;
  /**
   * Where the bytes go: the object's current length. `0` creates the Appendable object; after
   * that, pass the previous append's `nextPosition`.
   */
  position: number;
  body: BodyInput;
  /**
   * The CRC-64 of the object before this append (the previous append's `crc64`), a decimal
   * string or a bigint. With it (or at `position` 0, where it is `0`) the client checks OSS's
   * whole-object `x-oss-hash-crc64ecma` against the CRC of the previous object followed by this
   * body, and throws `ChecksumMismatchError` on a difference. Without it at a later position,
   * no check is possible.
   */
  initCrc64?: string | bigint | undefined;
  /** Base64 MD5 of this body; OSS rejects a mismatch. */
  contentMd5?: string | undefined;
}

/** Result of {@link AppendObject}. */
export interface AppendObjectOutput extends OperationResult {
  /** `x-oss-next-append-position`: the object's new length, the next append's `position`. */
  readonly nextPosition: number | undefined;
  /**
   * `x-oss-hash-crc64ecma`: the CRC-64 of the WHOLE object so far (decimal), to pass as the
   * next append's `initCrc64`.
   */
  readonly crc64: string | undefined;
  readonly versionId: string | undefined;
}

const UINT64 = /^(0|[1-9][0-9]{0,19})$/;

function initialCrc(value: unknown): bigint | undefined {
  if (value === undefined) return undefined;
  let crc: bigint | undefined;
  if (typeof value === "bigint") crc = value;
  else if (typeof value === "string" && UINT64.test(value)) crc = BigInt(value);
  if (crc === undefined || crc < 0n || crc >= 1n << 64n) {
    fail("initCrc64", "must be an unsigned 64-bit CRC, as a decimal string or a bigint");
  }
  return crc;
}

/** A body that computes, on each read, the CRC-64 of the object it extends. */
interface TrackedBody extends RequestBody {
  /** The whole-object CRC after the last complete read, or `undefined`. */
  digest(): bigint | undefined;
}

function trackCrc(body: RequestBody, initial: bigint): TrackedBody {
  let last: bigint | undefined;
  return {
    length: body.length,
    oneShot: body.oneShot,
    digest: () => last,
    async *open() {
      last = undefined;
      const crc = new Crc64(initial);
      for await (const chunk of body.open()) {
        crc.update(chunk);
        yield chunk;
      }
      last = crc.digest();
    },
  };
}

/** serialize → parse hand-over of the tracked body, per input object. */
const tracked = new WeakMap<object, TrackedBody>();

/**
 * AppendObject: appends bytes to an Appendable object (`POST /<key>?append&position=N`),
 * creating it at position 0. Returns the next position and the whole object's CRC-64, which
 * is verified (see {@link AppendObjectInput.initCrc64}) unless CRC checks are off.
 *
 * A wrong `position` fails with 409 `PositionNotEqualToLength`; {@link nextAppendPosition}
 * reads the object's current length from that error. Appends are not idempotent: an append
 * retried after a lost response may fail with that error although the first attempt landed.
 */
export const AppendObject: Operation<AppendObjectInput, AppendObjectOutput> = {
  name: "AppendObject",
  serialize(input) {
    validateInput(input, "AppendObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    if (input.position === undefined) fail("position", "is required (0 for a new object)");
    const position = integer(input.position, "position", 0, APPEND_MAX_OBJECT_SIZE) as number;
    const init = initialCrc(input.initCrc64);
    const body = requestBody(input.body);
    if (body.length !== undefined && position + body.length > APPEND_MAX_OBJECT_SIZE) {
      fail("body", "an Appendable object may grow to at most 5 GB");
    }
    const { forbidOverwrite: _ignored, ...options } = input as AppendObjectInput & {
      forbidOverwrite?: unknown;
    };
    const headers = objectWriteHeaders(options);
    headers["Content-Type"] ??= "application/octet-stream";
    const md5 = headerValue(input.contentMd5, "contentMd5");
    if (md5 !== undefined) headers["Content-MD5"] = md5;
    const expected = init ?? (position === 0 ? 0n : undefined);
    let sent: RequestBody = body;
    if (expected === undefined) {
      tracked.delete(input);
    } else {
      const t = trackCrc(body, expected);
      tracked.set(input, t);
      sent = t;
    }
    return {
      method: "POST",
      bucket: input.bucket,
      key: input.key,
      query: { append: "", position: String(position) },
      headers,
      body: sent,
    };
  },
  parse(response, input, { crc64 }) {
    const h = response.headers;
    const t = tracked.get(input);
    tracked.delete(input);
    const client = t?.digest();
    if (crc64 && client !== undefined) compareCrc("AppendObject", client, h[CRC64_HEADER]);
    return {
      ...resultBase(response),
      nextPosition: headerInt(h["x-oss-next-append-position"]),
      crc64: h[CRC64_HEADER],
      versionId: h["x-oss-version-id"],
    };
  },
};

/** Appends to an Appendable object. See {@link AppendObject}. */
export const appendObject: OperationFunction<AppendObjectInput, AppendObjectOutput> =
  operationFunction(AppendObject);

/**
 * The object's current length from a failed append (409 `PositionNotEqualToLength` carries
 * `x-oss-next-append-position`), or `undefined` for any other error.
 *
 * @example
 * ```ts
 * try {
 *   await appendObject(client, { bucket, key, position, body });
 * } catch (error) {
 *   const length = nextAppendPosition(error);
 *   if (length === undefined) throw error;
 *   // someone else appended: decide whether to resume at `length`
 * }
 * ```
 */
export function nextAppendPosition(error: unknown): number | undefined {
  if (!(error instanceof ServiceError) || error.code !== "PositionNotEqualToLength")
    return undefined;
  return headerInt(error.headers["x-oss-next-append-position"]);
}
