import type { OssClient } from "../client";
import {
  type CallOptions,
  type Operation,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { paginate } from "../paginate";
import { fail, integer, validateBucket, validateInput, validateKey } from "../validate";
import { bool, children, date, int, parseXml, text, unquote } from "../xml";
import { urlDecode } from "./list-objects-v2";
import { MAX_PART_NUMBER, validateUploadId } from "./multipart-upload";

function optionalString(value: unknown, field: string): string | undefined {
  if (value !== undefined && typeof value !== "string") fail(field, "must be a string");
  return value as string | undefined;
}

// ---------------------------------------------------------------------------------------------
// ListParts

/** Input of {@link ListParts}. */
export interface ListPartsInput {
  bucket: string;
  key: string;
  uploadId: string;
  /** 1–1000; default 1000. */
  maxParts?: number | undefined;
  /** List the parts after this part number (the previous page's `nextPartNumberMarker`). */
  partNumberMarker?: number | undefined;
}

/** One uploaded part. */
export interface PartSummary {
  readonly partNumber: number;
  readonly lastModified: Date | undefined;
  /** The part's ETag, without quotes. */
  readonly etag: string | undefined;
  /** Bytes. */
  readonly size: number;
  /** The part's CRC-64 (`HashCrc64ecma`), when OSS reports it. */
  readonly crc64: string | undefined;
}

/** Result of {@link ListParts}: one page. */
export interface ListPartsOutput extends OperationResult {
  readonly bucket: string | undefined;
  /** The object key, decoded. */
  readonly key: string | undefined;
  readonly uploadId: string | undefined;
  readonly storageClass: string | undefined;
  readonly partNumberMarker: number | undefined;
  /** Pass back as `partNumberMarker` for the next page. */
  readonly nextPartNumberMarker: number | undefined;
  readonly maxParts: number | undefined;
  readonly isTruncated: boolean;
  /** The parts, by part number. */
  readonly parts: PartSummary[];
}

const PARTS_ARRAYS = ["ListPartsResult.Part"];

/**
 * ListParts: one page of the parts uploaded so far to a multipart upload, with their ETags,
 * sizes and CRC-64s (what a resumed upload needs). For all pages, use {@link paginateListParts}.
 */
export const ListParts: Operation<ListPartsInput, ListPartsOutput> = {
  name: "ListParts",
  serialize(input) {
    validateInput(input, "ListParts");
    validateBucket(input.bucket);
    validateKey(input.key);
    validateUploadId(input.uploadId);
    const maxParts = integer(input.maxParts, "maxParts", 1, 1000);
    const marker = integer(input.partNumberMarker, "partNumberMarker", 0, MAX_PART_NUMBER);
    return {
      method: "GET",
      bucket: input.bucket,
      key: input.key,
      query: {
        uploadId: input.uploadId,
        "encoding-type": "url",
        "max-parts": maxParts === undefined ? undefined : String(maxParts),
        "part-number-marker": marker === undefined ? undefined : String(marker),
      },
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), PARTS_ARRAYS);
    const encoded = text(node, "EncodingType") === "url";
    return {
      ...resultBase(response),
      bucket: text(node, "Bucket"),
      key: urlDecode(text(node, "Key"), encoded),
      uploadId: text(node, "UploadId"),
      storageClass: text(node, "StorageClass") || undefined,
      partNumberMarker: int(node, "PartNumberMarker"),
      nextPartNumberMarker: int(node, "NextPartNumberMarker"),
      maxParts: int(node, "MaxParts"),
      isTruncated: bool(node, "IsTruncated") ?? false,
      parts: children(node, "Part").map((p) => ({
        partNumber: int(p, "PartNumber") ?? 0,
        lastModified: date(p, "LastModified"),
        etag: unquote(text(p, "ETag")),
        size: int(p, "Size") ?? 0,
        crc64: text(p, "HashCrc64ecma") || undefined,
      })),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// ListMultipartUploads

/** Input of {@link ListMultipartUploads}. */
export interface ListMultipartUploadsInput {
  bucket: string;
  /** Only uploads whose key starts with this. */
  prefix?: string | undefined;
  /** Group keys by this character (usually `/`) into `commonPrefixes`. */
  delimiter?: string | undefined;
  /** List uploads of keys after this one (the previous page's `nextKeyMarker`). */
  keyMarker?: string | undefined;
  /** With `keyMarker`: list that key's uploads after this upload ID (`nextUploadIdMarker`). */
  uploadIdMarker?: string | undefined;
  /** 1–1000; default 1000. */
  maxUploads?: number | undefined;
}

/** One multipart upload in progress. */
export interface MultipartUploadSummary {
  /** The object key, decoded. */
  readonly key: string;
  readonly uploadId: string;
  readonly storageClass: string | undefined;
  /** When the upload was initiated. */
  readonly initiated: Date | undefined;
}

/** Result of {@link ListMultipartUploads}: one page. */
export interface ListMultipartUploadsOutput extends OperationResult {
  readonly bucket: string | undefined;
  readonly prefix: string | undefined;
  readonly delimiter: string | undefined;
  readonly keyMarker: string | undefined;
  readonly uploadIdMarker: string | undefined;
  /** Pass back as `keyMarker` for the next page. */
  readonly nextKeyMarker: string | undefined;
  /** Pass back as `uploadIdMarker` for the next page. */
  readonly nextUploadIdMarker: string | undefined;
  readonly maxUploads: number | undefined;
  readonly isTruncated: boolean;
  /** The uploads, by key, then by initiation time. */
  readonly uploads: MultipartUploadSummary[];
  readonly commonPrefixes: string[];
}

const UPLOADS_ARRAYS = [
  "ListMultipartUploadsResult.Upload",
  "ListMultipartUploadsResult.CommonPrefixes",
];

/**
 * ListMultipartUploads: one page of a bucket's multipart uploads that were initiated but not
 * completed or aborted (their parts are billed storage). Keys are requested URL-encoded and
 * decoded for you. For all pages, use {@link paginateListMultipartUploads}.
 */
export const ListMultipartUploads: Operation<
  ListMultipartUploadsInput,
  ListMultipartUploadsOutput
> = {
  name: "ListMultipartUploads",
  serialize(input) {
    validateInput(input, "ListMultipartUploads");
    validateBucket(input.bucket);
    const maxUploads = integer(input.maxUploads, "maxUploads", 1, 1000);
    const keyMarker = optionalString(input.keyMarker, "keyMarker");
    const uploadIdMarker = optionalString(input.uploadIdMarker, "uploadIdMarker");
    if (uploadIdMarker !== undefined && keyMarker === undefined) {
      fail("uploadIdMarker", "requires keyMarker (OSS ignores it otherwise)");
    }
    return {
      method: "GET",
      bucket: input.bucket,
      query: {
        uploads: "",
        "encoding-type": "url",
        prefix: optionalString(input.prefix, "prefix"),
        delimiter: optionalString(input.delimiter, "delimiter"),
        "key-marker": keyMarker,
        "upload-id-marker": uploadIdMarker,
        "max-uploads": maxUploads === undefined ? undefined : String(maxUploads),
      },
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), UPLOADS_ARRAYS);
    const encoded = text(node, "EncodingType") === "url";
    const decoded = (name: string) => urlDecode(text(node, name), encoded);
    return {
      ...resultBase(response),
      bucket: text(node, "Bucket"),
      prefix: decoded("Prefix"),
      delimiter: decoded("Delimiter"),
      keyMarker: decoded("KeyMarker"),
      uploadIdMarker: text(node, "UploadIdMarker"),
      nextKeyMarker: decoded("NextKeyMarker") || undefined,
      nextUploadIdMarker: text(node, "NextUploadIdMarker") || undefined,
      maxUploads: int(node, "MaxUploads"),
      isTruncated: bool(node, "IsTruncated") ?? false,
      uploads: children(node, "Upload").map((u) => ({
        key: urlDecode(text(u, "Key"), encoded) ?? "",
        uploadId: text(u, "UploadId") ?? "",
        storageClass: text(u, "StorageClass") || undefined,
        initiated: date(u, "Initiated"),
      })),
      commonPrefixes: children(node, "CommonPrefixes").map(
        (c) => urlDecode(text(c, "Prefix"), encoded) ?? "",
      ),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Function forms and paginators

/** Lists one page of an upload's parts. See {@link ListParts}. */
export const listParts: (
  client: OssClient,
  input: ListPartsInput,
  options?: CallOptions,
) => Promise<ListPartsOutput> = operationFunction(ListParts);
/** Lists one page of multipart uploads in progress. See {@link ListMultipartUploads}. */
export const listMultipartUploads: (
  client: OssClient,
  input: ListMultipartUploadsInput,
  options?: CallOptions,
) => Promise<ListMultipartUploadsOutput> = operationFunction(ListMultipartUploads);

/**
 * Every page of an upload's parts, as an async iterator, following `nextPartNumberMarker`
 * (starting after `partNumberMarker` when given).
 *
 * @example
 * ```ts
 * for await (const page of paginateListParts(client, { bucket, key, uploadId })) {
 *   for (const part of page.parts) console.log(part.partNumber, part.etag, part.size);
 * }
 * ```
 */
export function paginateListParts(
  client: OssClient,
  input: ListPartsInput,
  options?: CallOptions,
): AsyncGenerator<ListPartsOutput, void, undefined> {
  return paginate(
    "ListParts",
    (token) =>
      listParts(
        client,
        {
          ...input,
          partNumberMarker: token === undefined ? input.partNumberMarker : Number(token),
        },
        options,
      ),
    (page) =>
      page.nextPartNumberMarker === undefined ? undefined : String(page.nextPartNumberMarker),
    (page) => page.isTruncated,
  );
}

/**
 * Every page of a bucket's multipart uploads in progress, as an async iterator, following
 * `nextKeyMarker` and `nextUploadIdMarker`.
 *
 * @example
 * ```ts
 * for await (const page of paginateListMultipartUploads(client, { bucket, prefix: "tmp/" })) {
 *   for (const upload of page.uploads) await abortMultipartUpload(client, { bucket, ...upload });
 * }
 * ```
 */
export function paginateListMultipartUploads(
  client: OssClient,
  input: ListMultipartUploadsInput,
  options?: CallOptions,
): AsyncGenerator<ListMultipartUploadsOutput, void, undefined> {
  return paginate(
    "ListMultipartUploads",
    (token) => {
      if (token === undefined) return listMultipartUploads(client, input, options);
      const [keyMarker, uploadIdMarker] = JSON.parse(token) as [string, string | null];
      return listMultipartUploads(
        client,
        { ...input, keyMarker, uploadIdMarker: uploadIdMarker ?? undefined },
        options,
      );
    },
    (page) =>
      page.nextKeyMarker === undefined
        ? undefined
        : JSON.stringify([page.nextKeyMarker, page.nextUploadIdMarker]),
    (page) => page.isTruncated,
  );
}
