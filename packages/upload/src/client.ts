/**
 * The narrow client interface the upload manager drives. `@oss-kit/upload` does not depend on
 * the client core at run time: any object with these six methods will do. An `OssClient` from
 * `@oss-kit/core` is adapted in a few lines, e.g.
 *
 * ```ts
 * const multipart: MultipartClient = {
 *   putObject: (input, options) => putObject(client, input, options),
 *   initiateMultipartUpload: (input, options) => initiateMultipartUpload(client, input, options),
 *   uploadPart: (input, options) => uploadPart(client, input, options),
 *   completeMultipartUpload: (input, options) => completeMultipartUpload(client, input, options),
 *   abortMultipartUpload: (input, options) => abortMultipartUpload(client, input, options),
 *   listParts: (input, options) => listParts(client, input, options),
 * };
 * ```
 *
 * @module
 */

/** Object ACLs OSS accepts. */
export type ObjectAcl = "default" | "private" | "public-read" | "public-read-write";

/** Storage classes OSS accepts. */
export type StorageClass = "Standard" | "IA" | "Archive" | "ColdArchive" | "DeepColdArchive";

/** An upload callback: OSS calls your server once the object is stored. */
export interface UploadCallback {
  /** Up to 5 URLs separated by `;`, tried in order. */
  url: string;
  /** The body OSS posts, with `${bucket}`, `${object}`, `${etag}`, `${size}`, `${x:var}`. */
  body: string;
  /** The `Host` header of the callback request. */
  host?: string | undefined;
  /** `application/x-www-form-urlencoded` (default) or `application/json`. */
  bodyType?: "application/x-www-form-urlencoded" | "application/json" | undefined;
  /** Custom variables for `${x:name}` (names must start with `x:`). */
  variables?: Record<string, string> | undefined;
}

/** Headers of the object being written, given to PutObject or InitiateMultipartUpload. */
export interface ObjectHeaders {
  contentType?: string | undefined;
  cacheControl?: string | undefined;
  contentDisposition?: string | undefined;
  contentEncoding?: string | undefined;
  expires?: string | undefined;
  acl?: ObjectAcl | undefined;
  storageClass?: StorageClass | undefined;
  /** User metadata, sent as `x-oss-meta-*`. */
  metadata?: Record<string, string> | undefined;
  /** Object tags, up to 10. */
  tags?: Record<string, string> | undefined;
  /** Refuse to replace an existing object (`FileAlreadyExists`). */
  forbidOverwrite?: boolean | undefined;
  /** Server-side encryption. */
  serverSideEncryption?: "AES256" | "KMS" | "SM4" | undefined;
}

/**
 * A request body the client sends: a known length, re-openable (each `open()` reads the bytes
 * again from the start, so a retry can resend them). Structurally a `RequestBody` of
 * `@oss-kit/transport`.
 */
export interface PartBody {
  readonly length: number;
  readonly oneShot: false;
  open(): AsyncIterable<Uint8Array>;
}

/** Per-call options the upload manager passes to every client method. */
export interface MultipartCallOptions {
  /** Aborts the call (the upload's signal). */
  readonly signal?: AbortSignal | undefined;
  /** CRC-64 checks done by the client for this call. */
  readonly crc64?: boolean | undefined;
}

/** The fields naming one multipart upload. */
export interface MultipartTarget {
  bucket: string;
  key: string;
  uploadId: string;
}

/** One part as ListParts reports it. */
export interface ListedPart {
  readonly partNumber: number;
  readonly etag: string | undefined;
  readonly size: number;
  readonly crc64: string | undefined;
}

/**
 * What the upload manager needs from an OSS client. Every method has the shape of the matching
 * function of `@oss-kit/core` bound to a client, so the core's functions fit as they are (see the
 * module comment for the ten-line adapter). Errors are expected to be the typed errors of
 * `@oss-kit/errors` (a `ServiceError` with code `NoSuchUpload` for a vanished upload).
 */
export interface MultipartClient {
  putObject(
    input: ObjectHeaders & {
      bucket: string;
      key: string;
      body: PartBody;
      callback?: UploadCallback | undefined;
    },
    options?: MultipartCallOptions,
  ): Promise<{
    readonly etag: string | undefined;
    readonly crc64: string | undefined;
    readonly versionId: string | undefined;
    readonly callbackResult: string | undefined;
  }>;
  initiateMultipartUpload(
    input: ObjectHeaders & { bucket: string; key: string },
    options?: MultipartCallOptions,
  ): Promise<{ readonly uploadId: string }>;
  uploadPart(
    input: MultipartTarget & { partNumber: number; body: PartBody },
    options?: MultipartCallOptions,
  ): Promise<{ readonly etag: string; readonly crc64: string | undefined }>;
  completeMultipartUpload(
    input: MultipartTarget & {
      parts: readonly { partNumber: number; etag: string }[];
      forbidOverwrite?: boolean | undefined;
      acl?: ObjectAcl | undefined;
      callback?: UploadCallback | undefined;
    },
    options?: MultipartCallOptions,
  ): Promise<{
    readonly etag: string | undefined;
    readonly crc64: string | undefined;
    readonly versionId: string | undefined;
    readonly callbackResult: string | undefined;
  }>;
  abortMultipartUpload(input: MultipartTarget, options?: MultipartCallOptions): Promise<unknown>;
  listParts(
    input: MultipartTarget & { partNumberMarker?: number | undefined },
    options?: MultipartCallOptions,
  ): Promise<{
    readonly parts: readonly ListedPart[];
    readonly isTruncated: boolean;
    readonly nextPartNumberMarker: number | undefined;
  }>;
}
