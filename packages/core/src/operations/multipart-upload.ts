import { RequestError, ValidationError } from "@oss-kit/errors";
import { encodePath } from "@oss-kit/signer";
import type { OssClient } from "../client";
import { contentMd5 } from "../md5";
import {
  type CallOptions,
  type HttpSpec,
  type Operation,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import {
  fail,
  headerValue,
  integer,
  oneOf,
  trafficLimitHeader,
  validateBucket,
  validateInput,
  validateKey,
} from "../validate";
import { buildXml, date, parseXml, text, unquote } from "../xml";
import { type Conditions, conditionHeaders } from "./get-object";
import { urlDecode } from "./list-objects-v2";
import {
  type BodyInput,
  callbackHeaders,
  OBJECT_ACLS,
  type ObjectWriteOptions,
  objectWriteHeaders,
  requestBody,
  type UploadCallback,
} from "./put-object";

/** The highest part number OSS accepts; also the most parts one upload may have. */
export const MAX_PART_NUMBER = 10000;
/** The largest part OSS accepts: 5 GiB. (Every part but the last must be at least 100 KiB.) */
export const MAX_PART_SIZE: number = 5 * 1024 ** 3;

/** Fails unless `value` is a non-empty upload ID. */
export function validateUploadId(value: unknown, field = "uploadId"): asserts value is string {
  if (typeof value !== "string" || value === "") fail(field, "must be a non-empty string");
}

/** A required part number, 1–10000. */
export function validatePartNumber(value: unknown, field = "partNumber"): number {
  if (value === undefined) fail(field, "is required");
  return integer(value, field, 1, MAX_PART_NUMBER) as number;
}

/** The text of a required response field, or a `RequestError` naming what is missing. */
function required(value: string | undefined, operation: string, what: string, hint = ""): string {
  if (value === undefined || value === "") {
    throw new RequestError(`${operation}: the response has no ${what}${hint}`, { operation });
  }
  return value;
}

/** The fields shared by the calls that address one multipart upload. */
export interface MultipartUploadTarget {
  bucket: string;
  /** The key of the object being assembled. */
  key: string;
  /** From {@link InitiateMultipartUpload}. */
  uploadId: string;
}

function validateTarget(input: unknown, operation: string): asserts input is MultipartUploadTarget {
  validateInput(input, operation);
  validateBucket(input.bucket);
  validateKey(input.key);
  validateUploadId(input.uploadId);
}

// ---------------------------------------------------------------------------------------------
// InitiateMultipartUpload

/** Input of {@link InitiateMultipartUpload}: the final object's headers are set here. */
export interface InitiateMultipartUploadInput extends Omit<ObjectWriteOptions, "trafficLimit"> {
  bucket: string;
  key: string;
  /** With `serverSideEncryption: "KMS"`: encrypt the data with `SM4` instead of AES-256. */
  serverSideDataEncryption?: "SM4" | undefined;
  /** With `serverSideEncryption: "KMS"`: the KMS key to use instead of the default one. */
  serverSideEncryptionKeyId?: string | undefined;
}

/** Result of {@link InitiateMultipartUpload}. */
export interface InitiateMultipartUploadOutput extends OperationResult {
  readonly bucket: string | undefined;
  /** The object key, decoded. */
  readonly key: string | undefined;
  /** Names the upload in every later multipart call. */
  readonly uploadId: string;
}

/** The request of {@link InitiateMultipartUpload}, checked. */
export function initiateMultipartUploadSpec(input: InitiateMultipartUploadInput): HttpSpec {
  validateInput(input, "InitiateMultipartUpload");
  validateBucket(input.bucket);
  validateKey(input.key);
  // Traffic limits apply to data transfers, not to Initiate.
  const headers = objectWriteHeaders({ ...input, trafficLimit: undefined });
  const dataEncryption = oneOf(input.serverSideDataEncryption, "serverSideDataEncryption", ["SM4"]);
  const keyId = headerValue(input.serverSideEncryptionKeyId, "serverSideEncryptionKeyId");
  if (
    (dataEncryption !== undefined || keyId !== undefined) &&
    input.serverSideEncryption !== "KMS"
  ) {
    fail(
      dataEncryption !== undefined ? "serverSideDataEncryption" : "serverSideEncryptionKeyId",
      'requires serverSideEncryption: "KMS"',
    );
  }
  if (dataEncryption !== undefined) headers["x-oss-server-side-data-encryption"] = dataEncryption;
  if (keyId !== undefined) headers["x-oss-server-side-encryption-key-id"] = keyId;
  return {
    method: "POST",
    bucket: input.bucket,
    key: input.key,
    query: { uploads: "", "encoding-type": "url" },
    headers,
  };
}

/**
 * InitiateMultipartUpload: starts a multipart upload and returns its upload ID. The object's
 * headers (content type, ACL, storage class, metadata, tags, encryption, forbid-overwrite) are
 * given here, not at completion. The key is requested URL-encoded and decoded for you.
 */
export const InitiateMultipartUpload: Operation<
  InitiateMultipartUploadInput,
  InitiateMultipartUploadOutput
> = {
  name: "InitiateMultipartUpload",
  serialize: initiateMultipartUploadSpec,
  async parse(response) {
    const { node } = parseXml(await response.body.text());
    const encoded = text(node, "EncodingType") === "url";
    return {
      ...resultBase(response),
      bucket: text(node, "Bucket"),
      key: urlDecode(text(node, "Key"), encoded),
      uploadId: required(text(node, "UploadId"), "InitiateMultipartUpload", "UploadId"),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// UploadPart

/** Input of {@link UploadPart}. */
export interface UploadPartInput extends MultipartUploadTarget {
  /** 1–10000. Uploading a number again replaces that part. */
  partNumber: number;
  /** The part's bytes: at most 5 GiB, and at least 100 KiB unless it is the last part. */
  body: BodyInput;
  /** Base64 MD5 of the body; OSS rejects a mismatch. */
  contentMd5?: string | undefined;
  /** Bandwidth cap in bit/s (819200 – 838860800). */
  trafficLimit?: number | undefined;
}

/** Result of {@link UploadPart}. */
export interface UploadPartOutput extends OperationResult {
  /** The part number that was uploaded (from the input). */
  readonly partNumber: number;
  /** The part's ETag, without quotes: give it to {@link CompleteMultipartUpload}. */
  readonly etag: string;
  /** `x-oss-hash-crc64ecma`: the part's CRC-64, verified against the body unless CRC checks are off. */
  readonly crc64: string | undefined;
  /** `Content-MD5` as OSS computed it. */
  readonly contentMd5: string | undefined;
}

/** The request of {@link UploadPart} without its body (for presigning), checked. */
export function uploadPartSpec(input: Omit<UploadPartInput, "body">): HttpSpec {
  validateTarget(input, "UploadPart");
  const partNumber = validatePartNumber(input.partNumber);
  const headers: Record<string, string> = {};
  const md5 = headerValue(input.contentMd5, "contentMd5");
  if (md5 !== undefined) headers["Content-MD5"] = md5;
  Object.assign(headers, trafficLimitHeader(input.trafficLimit));
  return {
    method: "PUT",
    bucket: input.bucket,
    key: input.key,
    query: { partNumber: String(partNumber), uploadId: input.uploadId },
    headers,
  };
}

/**
 * UploadPart: uploads one part of a multipart upload. The body's CRC-64 is computed as it is
 * sent and compared with OSS's (a mismatch is retried, then fails with `ChecksumMismatchError`).
 */
export const UploadPart: Operation<UploadPartInput, UploadPartOutput> = {
  name: "UploadPart",
  uploadCrc: true,
  serialize(input) {
    const spec = uploadPartSpec(input);
    const body = requestBody(input.body);
    if (body.length !== undefined && body.length > MAX_PART_SIZE) {
      fail("body", "a part is at most 5 GiB");
    }
    return { ...spec, body };
  },
  parse(response, input) {
    return {
      ...resultBase(response),
      partNumber: input.partNumber,
      etag: required(
        unquote(response.headers.etag),
        "UploadPart",
        "ETag header",
        " (in a browser, add ETag to the bucket's CORS ExposeHeaders)",
      ),
      crc64: response.headers["x-oss-hash-crc64ecma"],
      contentMd5: response.headers["content-md5"],
    };
  },
};

// ---------------------------------------------------------------------------------------------
// UploadPartCopy

/** Input of {@link UploadPartCopy}. */
export interface UploadPartCopyInput extends MultipartUploadTarget {
  /** 1–10000. */
  partNumber: number;
  /** The source object's bucket (same region); default `bucket`. */
  sourceBucket?: string | undefined;
  /** The source key: any UTF-8, it is URL-encoded into `x-oss-copy-source` for you. */
  sourceKey: string;
  /** Copy this version of the source; default its current one. */
  sourceVersionId?: string | undefined;
  /** The bytes to copy, inclusive (`x-oss-copy-source-range`); the whole source without it. */
  sourceRange?: { start: number; end: number } | undefined;
  /** Conditions on the source (`x-oss-copy-source-if-*`): 412 or 304 when they do not hold. */
  sourceConditions?: Conditions | undefined;
  /** Bandwidth cap in bit/s (819200 – 838860800). */
  trafficLimit?: number | undefined;
}

/** Result of {@link UploadPartCopy}. */
export interface UploadPartCopyOutput extends OperationResult {
  /** The part number that was written (from the input). */
  readonly partNumber: number;
  /** The part's ETag, without quotes: give it to {@link CompleteMultipartUpload}. */
  readonly etag: string;
  readonly lastModified: Date | undefined;
  /** `x-oss-copy-source-version-id`: the source version that was copied. */
  readonly sourceVersionId: string | undefined;
}

function copySource(bucket: string, key: string, versionId: string | undefined): string {
  const source = `/${bucket}/${encodePath(key, "sourceKey")}`;
  return versionId === undefined ? source : `${source}?versionId=${versionId}`;
}

/** The request of {@link UploadPartCopy}, checked. */
export function uploadPartCopySpec(input: UploadPartCopyInput): HttpSpec {
  validateTarget(input, "UploadPartCopy");
  const partNumber = validatePartNumber(input.partNumber);
  const sourceBucket = input.sourceBucket ?? input.bucket;
  validateBucket(sourceBucket, "sourceBucket");
  validateKey(input.sourceKey, "sourceKey");
  const versionId = headerValue(input.sourceVersionId, "sourceVersionId");
  if (versionId === "") fail("sourceVersionId", "must not be empty");
  const headers: Record<string, string> = {
    "x-oss-copy-source": copySource(sourceBucket, input.sourceKey, versionId),
  };
  const range = input.sourceRange;
  if (range !== undefined) {
    if (typeof range !== "object" || range === null) fail("sourceRange", "must be { start, end }");
    integer(range.start, "sourceRange.start", 0);
    if (range.end === undefined) fail("sourceRange.end", "is required");
    integer(range.end, "sourceRange.end", range.start);
    if (range.end - range.start + 1 > MAX_PART_SIZE) fail("sourceRange", "a part is at most 5 GiB");
    headers["x-oss-copy-source-range"] = `bytes=${range.start}-${range.end}`;
  }
  if (input.sourceConditions !== undefined) {
    if (typeof input.sourceConditions !== "object" || input.sourceConditions === null) {
      fail("sourceConditions", "must be an object");
    }
    try {
      Object.assign(headers, conditionHeaders(input.sourceConditions, "x-oss-copy-source-"));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      fail(`sourceConditions.${error.field}`, error.rule);
    }
  }
  Object.assign(headers, trafficLimitHeader(input.trafficLimit));
  return {
    method: "PUT",
    bucket: input.bucket,
    key: input.key,
    query: { partNumber: String(partNumber), uploadId: input.uploadId },
    headers,
  };
}

/**
 * UploadPartCopy: makes one part of a multipart upload from (a range of) an existing object in
 * the same region: the way to copy objects over 1 GB. `sourceConditions` are checked against
 * the source.
 */
export const UploadPartCopy: Operation<UploadPartCopyInput, UploadPartCopyOutput> = {
  name: "UploadPartCopy",
  serialize: uploadPartCopySpec,
  async parse(response, input) {
    const { node } = parseXml(await response.body.text());
    return {
      ...resultBase(response),
      partNumber: input.partNumber,
      etag: required(unquote(text(node, "ETag")), "UploadPartCopy", "ETag"),
      lastModified: date(node, "LastModified"),
      sourceVersionId: response.headers["x-oss-copy-source-version-id"],
    };
  },
};

// ---------------------------------------------------------------------------------------------
// CompleteMultipartUpload

/** One uploaded part, as {@link UploadPart} or {@link UploadPartCopy} returned it. */
export interface CompletedPart {
  partNumber: number;
  /** The part's ETag, with or without quotes. */
  etag: string;
}

/** Input of {@link CompleteMultipartUpload}: give `parts`, or `completeAll: true`. */
export interface CompleteMultipartUploadInput extends MultipartUploadTarget {
  /** The parts, in ascending part-number order (gaps allowed), each number once. */
  parts?: readonly CompletedPart[] | undefined;
  /** Let OSS take every uploaded part in part-number order (`x-oss-complete-all: yes`). */
  completeAll?: boolean | undefined;
  /** Refuse to replace an existing object (`FileAlreadyExists`). */
  forbidOverwrite?: boolean | undefined;
  acl?: (typeof OBJECT_ACLS)[number] | undefined;
  /** Call your server once the object is assembled. */
  callback?: UploadCallback | undefined;
}

/** Result of {@link CompleteMultipartUpload}. */
export interface CompleteMultipartUploadOutput extends OperationResult {
  /** The object's URL. Not returned when a callback was given. */
  readonly location: string | undefined;
  readonly bucket: string | undefined;
  /** The object key, decoded. Not returned when a callback was given. */
  readonly key: string | undefined;
  /** The object's ETag, without quotes (`<hex>-<part count>`, not an MD5). */
  readonly etag: string | undefined;
  readonly versionId: string | undefined;
  /** `x-oss-hash-crc64ecma`: the CRC-64 of the whole object. */
  readonly crc64: string | undefined;
  /** With a callback: what your callback server answered (usually JSON text). */
  readonly callbackResult: string | undefined;
}

/** The `CompleteMultipartUpload` document for a part list, checked (ascending, unique). */
export function completeMultipartUploadXml(parts: unknown): string {
  if (!Array.isArray(parts)) fail("parts", "must be an array of { partNumber, etag }");
  if (parts.length === 0) fail("parts", "must list at least one part");
  if (parts.length > MAX_PART_NUMBER) fail("parts", `at most ${MAX_PART_NUMBER} parts`);
  let previous = 0;
  const list = parts.map((part: unknown, i) => {
    const field = `parts[${i}]`;
    if (typeof part !== "object" || part === null) fail(field, "must be { partNumber, etag }");
    const { partNumber, etag } = part as Partial<CompletedPart>;
    const n = validatePartNumber(partNumber, `${field}.partNumber`);
    if (n === previous) fail(`${field}.partNumber`, `duplicates part ${n}`);
    if (n < previous) {
      fail(`${field}.partNumber`, `parts must be in ascending order (${n} after ${previous})`);
    }
    previous = n;
    const tag = headerValue(etag, `${field}.etag`);
    const bare = tag === undefined ? undefined : unquote(tag);
    if (bare === undefined || bare === "") fail(`${field}.etag`, "is required");
    return { PartNumber: n, ETag: `"${bare}"` };
  });
  return buildXml("CompleteMultipartUpload", { Part: list });
}

/** The request of {@link CompleteMultipartUpload} without its body, and the body's text. */
export function completeMultipartUploadSpec(input: CompleteMultipartUploadInput): {
  spec: HttpSpec;
  xml: string | undefined;
} {
  validateTarget(input, "CompleteMultipartUpload");
  if (input.completeAll !== undefined && typeof input.completeAll !== "boolean") {
    fail("completeAll", "must be a boolean");
  }
  const headers: Record<string, string> = {};
  let xml: string | undefined;
  if (input.completeAll === true) {
    if (input.parts !== undefined) {
      fail("completeAll", "cannot be combined with parts (OSS takes every uploaded part)");
    }
    headers["x-oss-complete-all"] = "yes";
  } else {
    if (input.parts === undefined) fail("parts", "is required (or set completeAll: true)");
    xml = completeMultipartUploadXml(input.parts);
    headers["Content-Type"] = "application/xml";
    headers["Content-MD5"] = contentMd5(xml);
  }
  if (input.forbidOverwrite !== undefined) {
    if (typeof input.forbidOverwrite !== "boolean") fail("forbidOverwrite", "must be a boolean");
    headers["x-oss-forbid-overwrite"] = String(input.forbidOverwrite);
  }
  const acl = oneOf(input.acl, "acl", OBJECT_ACLS);
  if (acl !== undefined) headers["x-oss-object-acl"] = acl;
  Object.assign(headers, callbackHeaders(input.callback));
  return {
    spec: {
      method: "POST",
      bucket: input.bucket,
      key: input.key,
      query: { uploadId: input.uploadId, "encoding-type": "url" },
      headers,
    },
    xml,
  };
}

/**
 * CompleteMultipartUpload: assembles the object from the listed parts (ascending part numbers,
 * checked before sending), or from every uploaded part with `completeAll: true`. With a
 * callback, OSS calls your server and its answer is `callbackResult`; a failed callback (203
 * `CallbackFailed`, object stored) is thrown as a `ServiceError`.
 */
export const CompleteMultipartUpload: Operation<
  CompleteMultipartUploadInput,
  CompleteMultipartUploadOutput
> = {
  name: "CompleteMultipartUpload",
  serialize(input) {
    const { spec, xml } = completeMultipartUploadSpec(input);
    return xml === undefined ? spec : { ...spec, body: requestBody(xml) };
  },
  async parse(response, input) {
    const h = response.headers;
    const base = {
      ...resultBase(response),
      versionId: h["x-oss-version-id"],
      crc64: h["x-oss-hash-crc64ecma"],
    };
    const body = await response.body.text();
    if (input.callback) {
      return {
        ...base,
        location: undefined,
        bucket: undefined,
        key: undefined,
        etag: unquote(h.etag),
        callbackResult: body,
      };
    }
    const { node } = parseXml(body);
    const encoded = text(node, "EncodingType") === "url";
    return {
      ...base,
      location: text(node, "Location"),
      bucket: text(node, "Bucket"),
      key: urlDecode(text(node, "Key"), encoded),
      etag: unquote(text(node, "ETag")) ?? unquote(h.etag),
      callbackResult: undefined,
    };
  },
};

// ---------------------------------------------------------------------------------------------
// AbortMultipartUpload

/** Input of {@link AbortMultipartUpload}. */
export interface AbortMultipartUploadInput extends MultipartUploadTarget {}

/** Result of {@link AbortMultipartUpload}. */
export interface AbortMultipartUploadOutput extends OperationResult {}

/** The request of {@link AbortMultipartUpload}, checked. */
export function abortMultipartUploadSpec(input: AbortMultipartUploadInput): HttpSpec {
  validateTarget(input, "AbortMultipartUpload");
  return {
    method: "DELETE",
    bucket: input.bucket,
    key: input.key,
    query: { uploadId: input.uploadId },
  };
}

/**
 * AbortMultipartUpload: cancels an upload and frees its parts' storage (`NoSuchUpload` if it
 * was already completed or aborted).
 */
export const AbortMultipartUpload: Operation<
  AbortMultipartUploadInput,
  AbortMultipartUploadOutput
> = {
  name: "AbortMultipartUpload",
  serialize: abortMultipartUploadSpec,
  parse: (response) => resultBase(response),
};

// ---------------------------------------------------------------------------------------------
// Function forms

/** Starts a multipart upload. See {@link InitiateMultipartUpload}. */
export const initiateMultipartUpload: (
  client: OssClient,
  input: InitiateMultipartUploadInput,
  options?: CallOptions,
) => Promise<InitiateMultipartUploadOutput> = operationFunction(InitiateMultipartUpload);
/** Uploads one part. See {@link UploadPart}. */
export const uploadPart: (
  client: OssClient,
  input: UploadPartInput,
  options?: CallOptions,
) => Promise<UploadPartOutput> = operationFunction(UploadPart);
/** Copies one part from an existing object. See {@link UploadPartCopy}. */
export const uploadPartCopy: (
  client: OssClient,
  input: UploadPartCopyInput,
  options?: CallOptions,
) => Promise<UploadPartCopyOutput> = operationFunction(UploadPartCopy);
/** Assembles the object from its parts. See {@link CompleteMultipartUpload}. */
export const completeMultipartUpload: (
  client: OssClient,
  input: CompleteMultipartUploadInput,
  options?: CallOptions,
) => Promise<CompleteMultipartUploadOutput> = operationFunction(CompleteMultipartUpload);
/** Cancels a multipart upload. See {@link AbortMultipartUpload}. */
export const abortMultipartUpload: (
  client: OssClient,
  input: AbortMultipartUploadInput,
  options?: CallOptions,
) => Promise<AbortMultipartUploadOutput> = operationFunction(AbortMultipartUpload);
