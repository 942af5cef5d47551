import type { TransportResponse } from "@oss-kit/transport";
import { CRC64_HEADER, crcVerifyingStream } from "../checksum";
import { type Operation, type OperationResult, resultBase } from "../operation";
import {
  fail,
  headerValue,
  integer,
  metadataFrom,
  trafficLimitHeader,
  validateBucket,
  validateInput,
  validateKey,
} from "../validate";
import { unquote } from "../xml";
import { versionIdParam } from "./object-common";
import { type ProcessInput, type ProcessOptions, processString } from "./process-object";

/** A byte range: `{ start, end? }` (inclusive, open-ended without `end`), or `{ last }` bytes. */
export type ByteRange = { start: number; end?: number | undefined } | { last: number };

/** Conditions that make a read or copy depend on the object's state. */
export interface Conditions {
  /** Only if the ETag matches (else 412 `PreconditionFailed`). */
  ifMatch?: string | undefined;
  /** Only if the ETag differs (else 304 `NotModified`). */
  ifNoneMatch?: string | undefined;
  ifModifiedSince?: Date | undefined;
  ifUnmodifiedSince?: Date | undefined;
}

/** Input of {@link GetObject}. */
export interface GetObjectInput extends Conditions, ProcessOptions {
  bucket: string;
  key: string;
  versionId?: string | undefined;
  range?: ByteRange | undefined;
  /**
   * A synchronous processing instruction (`x-oss-process`): an `@oss-kit/process` builder, or a
   * string such as `"image/resize,w_100"` (validated unless `validateProcess: false`).
   */
  process?: ProcessInput | undefined;
  /** Override response headers (`response-content-type`, …). */
  responseContentType?: string | undefined;
  responseContentDisposition?: string | undefined;
  responseCacheControl?: string | undefined;
  responseContentEncoding?: string | undefined;
  responseContentLanguage?: string | undefined;
  responseExpires?: string | undefined;
  trafficLimit?: number | undefined;
}

/** An object's body: read it once, as a stream, bytes or text. */
export interface ObjectBody {
  stream(): ReadableStream<Uint8Array>;
  bytes(): Promise<Uint8Array>;
  text(): Promise<string>;
  /** Drops the body unread, freeing the connection. */
  discard(): Promise<void>;
}

/** What HEAD and GET tell of an object. */
export interface ObjectInfo extends OperationResult {
  readonly contentLength: number | undefined;
  readonly contentType: string | undefined;
  readonly etag: string | undefined;
  readonly lastModified: Date | undefined;
  readonly versionId: string | undefined;
  readonly crc64: string | undefined;
  readonly objectType: string | undefined;
  readonly storageClass: string | undefined;
  readonly metadata: Record<string, string>;
}

/** Result of {@link GetObject}. */
export interface GetObjectOutput extends ObjectInfo {
  /** The body, CRC-64 verified when the whole object was read. */
  readonly body: ObjectBody;
  /** `Content-Range` of a ranged read. */
  readonly contentRange: string | undefined;
}

function httpDate(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    fail(field, "must be a valid Date");
  return value.toUTCString();
}

/** The `If-*` headers of {@link Conditions}. */
export function conditionHeaders(input: Conditions, prefix = ""): Record<string, string> {
  const headers: Record<string, string> = {};
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) headers[prefix ? `${prefix}${name.toLowerCase()}` : name] = value;
  };
  set("If-Match", headerValue(input.ifMatch, "ifMatch"));
  set("If-None-Match", headerValue(input.ifNoneMatch, "ifNoneMatch"));
  set("If-Modified-Since", httpDate(input.ifModifiedSince, "ifModifiedSince"));
  set("If-Unmodified-Since", httpDate(input.ifUnmodifiedSince, "ifUnmodifiedSince"));
  return headers;
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`, checked. */
export function rangeHeader(range: ByteRange | undefined): string | undefined {
  if (range === undefined) return undefined;
  if (typeof range !== "object" || range === null)
    fail("range", "must be { start, end? } or { last }");
  if ("last" in range) {
    integer(range.last, "range.last", 1);
    return `bytes=-${range.last}`;
  }
  integer(range.start, "range.start", 0);
  if (range.end === undefined) return `bytes=${range.start}-`;
  integer(range.end, "range.end", range.start);
  return `bytes=${range.start}-${range.end}`;
}

/** The fields of {@link ObjectInfo}, from response headers. */
export function objectInfo(response: TransportResponse): ObjectInfo {
  const h = response.headers;
  const length = h["content-length"] === undefined ? undefined : Number(h["content-length"]);
  const modified = h["last-modified"] ? new Date(h["last-modified"]) : undefined;
  return {
    ...resultBase(response),
    contentLength: Number.isFinite(length) ? length : undefined,
    contentType: h["content-type"],
    etag: unquote(h.etag),
    lastModified: modified && !Number.isNaN(modified.getTime()) ? modified : undefined,
    versionId: h["x-oss-version-id"],
    crc64: h[CRC64_HEADER],
    objectType: h["x-oss-object-type"],
    storageClass: h["x-oss-storage-class"],
    metadata: metadataFrom(h),
  };
}

function objectBody(
  response: TransportResponse,
  verify: string | undefined,
  operation: string,
): ObjectBody {
  const stream = () =>
    verify === undefined
      ? response.body.stream()
      : crcVerifyingStream(response.body.stream(), operation, verify);
  const bytes = async () => new Uint8Array(await new Response(stream()).arrayBuffer());
  return {
    stream,
    bytes,
    text: async () => new TextDecoder().decode(await bytes()),
    discard: () => response.body.discard(),
  };
}

/**
 * GetObject: reads an object (whole, or a range), optionally processed on the fly
 * (`x-oss-process`). A whole-object read is verified against `x-oss-hash-crc64ecma` as it
 * streams; a mismatch errors the stream with a `ChecksumMismatchError`.
 */
export const GetObject: Operation<GetObjectInput, GetObjectOutput> = {
  name: "GetObject",
  streaming: true,
  serialize(input) {
    validateInput(input, "GetObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    const headers = conditionHeaders(input);
    const range = rangeHeader(input.range);
    if (range) headers.Range = range;
    Object.assign(headers, trafficLimitHeader(input.trafficLimit));
    const process =
      input.process === undefined
        ? undefined
        : processString(input.process, {
            kind: "sync",
            method: "GET",
            validate: input.validateProcess !== false,
            needsSaveAs: false,
          });
    const query: Record<string, string | undefined> = {
      versionId: versionIdParam(input.versionId),
      "x-oss-process": process,
      "response-content-type": input.responseContentType,
      "response-content-disposition": input.responseContentDisposition,
      "response-cache-control": input.responseCacheControl,
      "response-content-encoding": input.responseContentEncoding,
      "response-content-language": input.responseContentLanguage,
      "response-expires": input.responseExpires,
    };
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && typeof value !== "string") fail(name, "must be a string");
    }
    return { method: "GET", bucket: input.bucket, key: input.key, headers, query };
  },
  parse(response, input, { crc64 }) {
    const whole =
      response.statusCode === 200 && input.range === undefined && input.process === undefined;
    const verify = crc64 && whole ? response.headers[CRC64_HEADER] : undefined;
    return {
      ...objectInfo(response),
      contentRange: response.headers["content-range"],
      body: objectBody(response, verify || undefined, "GetObject"),
    };
  },
};

/** Input of {@link HeadObject}. */
export interface HeadObjectInput extends Conditions {
  bucket: string;
  key: string;
  versionId?: string | undefined;
}

/** HeadObject: an object's metadata without its body. */
export const HeadObject: Operation<HeadObjectInput, ObjectInfo> = {
  name: "HeadObject",
  serialize(input) {
    validateInput(input, "HeadObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    return {
      method: "HEAD",
      bucket: input.bucket,
      key: input.key,
      headers: conditionHeaders(input),
      query: { versionId: versionIdParam(input.versionId) },
    };
  },
  parse: (response) => objectInfo(response),
};

/** Input of {@link DeleteObject}. */
export interface DeleteObjectInput {
  bucket: string;
  key: string;
  versionId?: string | undefined;
}

/** Result of {@link DeleteObject}. */
export interface DeleteObjectOutput extends OperationResult {
  readonly versionId: string | undefined;
  /** Whether a delete marker was created or removed (versioned buckets). */
  readonly deleteMarker: boolean;
}

/** DeleteObject: deletes an object (succeeds if it does not exist). */
export const DeleteObject: Operation<DeleteObjectInput, DeleteObjectOutput> = {
  name: "DeleteObject",
  serialize(input) {
    validateInput(input, "DeleteObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    return {
      method: "DELETE",
      bucket: input.bucket,
      key: input.key,
      query: { versionId: versionIdParam(input.versionId) },
    };
  },
  parse: (response) => ({
    ...resultBase(response),
    versionId: response.headers["x-oss-version-id"],
    deleteMarker: response.headers["x-oss-delete-marker"] === "true",
  }),
};
