import { ValidationError } from "@oss-kit/errors";
import { type RequestBody, toRequestBody } from "@oss-kit/transport";
import { type Operation, type OperationResult, resultBase } from "../operation";
import {
  fail,
  headerValue,
  metadataHeaders,
  oneOf,
  trafficLimitHeader,
  validateBucket,
  validateInput,
  validateKey,
} from "../validate";
import { unquote } from "../xml";

/** What an upload's body may be: bytes, text, a Blob, a stream, or a prepared body. */
export type BodyInput = Parameters<typeof toRequestBody>[0] | RequestBody;

/** Canned ACLs of objects. */
export const OBJECT_ACLS = ["default", "private", "public-read", "public-read-write"] as const;
/** Storage classes. */
export const STORAGE_CLASSES = [
  "Standard",
  "IA",
  "Archive",
  "ColdArchive",
  "DeepColdArchive",
] as const;

/** An upload callback: OSS calls your server after storing the object (PutObject, Complete). */
export interface UploadCallback {
  /** Up to 5 URLs separated by `;`, tried in order. */
  url: string;
  /** The body OSS posts, with `${bucket}`, `${object}`, `${etag}`, `${size}`, `${mimeType}`, `${x:var}`. */
  body: string;
  /** The `Host` header of the callback request. */
  host?: string | undefined;
  /** `application/x-www-form-urlencoded` (default) or `application/json`. */
  bodyType?: "application/x-www-form-urlencoded" | "application/json" | undefined;
  /** Custom variables for `${x:name}` (names must start with `x:`). */
  variables?: Record<string, string> | undefined;
}

/** Options shared by every call that creates an object. */
export interface ObjectWriteOptions {
  contentType?: string | undefined;
  cacheControl?: string | undefined;
  contentDisposition?: string | undefined;
  contentEncoding?: string | undefined;
  expires?: string | undefined;
  acl?: (typeof OBJECT_ACLS)[number] | undefined;
  storageClass?: (typeof STORAGE_CLASSES)[number] | undefined;
  /** User metadata, sent as `x-oss-meta-*` (names: letters, digits, `-`). */
  metadata?: Record<string, string> | undefined;
  /** Object tags, up to 10. */
  tags?: Record<string, string> | undefined;
  /** Refuse to replace an existing object (`FileAlreadyExists`). */
  forbidOverwrite?: boolean | undefined;
  /** `AES256`, `KMS` or `SM4`. */
  serverSideEncryption?: "AES256" | "KMS" | "SM4" | undefined;
  /** Bandwidth cap in bit/s (819200 – 838860800). */
  trafficLimit?: number | undefined;
}

/** Input of {@link putObject}. */
export interface PutObjectInput extends ObjectWriteOptions {
  bucket: string;
  key: string;
  body: BodyInput;
  /** Base64 MD5 of the body; OSS rejects a mismatch. */
  contentMd5?: string | undefined;
  /** Call your server once the object is stored. */
  callback?: UploadCallback | undefined;
}

/** Result of {@link putObject}. */
export interface PutObjectOutput extends OperationResult {
  /** The ETag, without quotes. */
  readonly etag: string | undefined;
  readonly versionId: string | undefined;
  /** `x-oss-hash-crc64ecma`, verified against the body unless CRC checks are off. */
  readonly crc64: string | undefined;
  /** With a callback: what your callback server answered (usually JSON text). */
  readonly callbackResult: string | undefined;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Tags as OSS's `x-oss-tagging` header: `k1=v1&k2=v2`, URL-encoded. */
export function taggingHeader(tags: unknown, field = "tags"): string | undefined {
  if (tags === undefined) return undefined;
  if (typeof tags !== "object" || tags === null || Array.isArray(tags))
    fail(field, "must be an object of strings");
  const entries = Object.entries(tags);
  if (entries.length > 10) fail(field, "at most 10 tags");
  return entries
    .map(([k, v]) => {
      if (typeof v !== "string") fail(`${field}.${k}`, "must be a string");
      if (k.length === 0 || k.length > 128) fail(`${field}.${k}`, "keys are 1 to 128 characters");
      if (v.length > 256) fail(`${field}.${k}`, "values are at most 256 characters");
      return `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
    })
    .join("&");
}

/** The headers of {@link ObjectWriteOptions}. */
export function objectWriteHeaders(input: ObjectWriteOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) headers[name] = value;
  };
  set("Content-Type", headerValue(input.contentType, "contentType"));
  set("Cache-Control", headerValue(input.cacheControl, "cacheControl"));
  set("Content-Disposition", headerValue(input.contentDisposition, "contentDisposition"));
  set("Content-Encoding", headerValue(input.contentEncoding, "contentEncoding"));
  set("Expires", headerValue(input.expires, "expires"));
  set("x-oss-object-acl", oneOf(input.acl, "acl", OBJECT_ACLS));
  set("x-oss-storage-class", oneOf(input.storageClass, "storageClass", STORAGE_CLASSES));
  set("x-oss-tagging", taggingHeader(input.tags));
  if (input.forbidOverwrite !== undefined) {
    if (typeof input.forbidOverwrite !== "boolean") fail("forbidOverwrite", "must be a boolean");
    headers["x-oss-forbid-overwrite"] = String(input.forbidOverwrite);
  }
  set(
    "x-oss-server-side-encryption",
    oneOf(input.serverSideEncryption, "serverSideEncryption", ["AES256", "KMS", "SM4"]),
  );
  Object.assign(headers, trafficLimitHeader(input.trafficLimit));
  Object.assign(headers, metadataHeaders(input.metadata));
  return headers;
}

/** The `x-oss-callback` (and `-var`) headers for a callback. */
export function callbackHeaders(callback: UploadCallback | undefined): Record<string, string> {
  if (callback === undefined) return {};
  if (typeof callback !== "object" || callback === null) fail("callback", "must be an object");
  if (typeof callback.url !== "string" || callback.url === "") fail("callback.url", "is required");
  if (callback.url.split(";").length > 5) fail("callback.url", "at most 5 URLs");
  if (typeof callback.body !== "string") fail("callback.body", "is required");
  const doc: Record<string, string> = { callbackUrl: callback.url, callbackBody: callback.body };
  if (callback.host !== undefined) doc.callbackHost = callback.host;
  if (callback.bodyType !== undefined) doc.callbackBodyType = callback.bodyType;
  const encoded = base64(JSON.stringify(doc));
  if (encoded.length > 5120) fail("callback", "must be at most 5 KB encoded");
  const headers: Record<string, string> = { "x-oss-callback": encoded };
  if (callback.variables) {
    for (const name of Object.keys(callback.variables)) {
      if (!name.startsWith("x:")) fail(`callback.variables.${name}`, 'names must start with "x:"');
    }
    headers["x-oss-callback-var"] = base64(JSON.stringify(callback.variables));
  }
  return headers;
}

/** Turns a body input into a re-openable request body. */
export function requestBody(body: unknown, field = "body"): RequestBody {
  if (body === undefined || body === null)
    fail(field, "is required (use an empty string for an empty object)");
  const b = body as RequestBody;
  if (typeof b.open === "function" && typeof b.oneShot === "boolean") return b;
  try {
    return toRequestBody(body as Parameters<typeof toRequestBody>[0]);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError({
      field,
      rule: "must be a string, Uint8Array, ArrayBuffer, Blob, Readable or ReadableStream",
      cause: error,
    });
  }
}

/**
 * PutObject: uploads an object in one request (up to 5 GB; use the upload manager for more).
 * The body's CRC-64 is computed as it is sent and compared with OSS's.
 */
export const PutObject: Operation<PutObjectInput, PutObjectOutput> = {
  name: "PutObject",
  uploadCrc: true,
  serialize(input) {
    validateInput(input, "PutObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    const body = requestBody(input.body);
    if (body.length !== undefined && body.length > 5 * 1024 ** 3) {
      fail("body", "PutObject takes at most 5 GB; use multipart upload for more");
    }
    const headers = objectWriteHeaders(input);
    headers["Content-Type"] ??= "application/octet-stream";
    const md5 = headerValue(input.contentMd5, "contentMd5");
    if (md5 !== undefined) headers["Content-MD5"] = md5;
    Object.assign(headers, callbackHeaders(input.callback));
    return { method: "PUT", bucket: input.bucket, key: input.key, headers, body };
  },
  async parse(response, input) {
    return {
      ...resultBase(response),
      etag: unquote(response.headers.etag),
      versionId: response.headers["x-oss-version-id"],
      crc64: response.headers["x-oss-hash-crc64ecma"],
      callbackResult: input.callback ? await response.body.text() : undefined,
    };
  },
};
