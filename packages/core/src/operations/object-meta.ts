import { CRC64_HEADER } from "../checksum";
import {
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { validateBucket, validateInput, validateKey } from "../validate";
import { unquote } from "../xml";
import { headerDate, headerInt, versionIdParam } from "./object-common";

/** Input of {@link GetObjectMeta}. */
export interface GetObjectMetaInput {
  bucket: string;
  key: string;
  /** A version of the object; default the current one. */
  versionId?: string | undefined;
}

/** Result of {@link GetObjectMeta}: the basic metadata, lighter than HeadObject. */
export interface GetObjectMetaOutput extends OperationResult {
  /** The object's size in bytes. */
  readonly contentLength: number | undefined;
  /** The ETag, without quotes. */
  readonly etag: string | undefined;
  readonly lastModified: Date | undefined;
  /** `x-oss-last-access-time`, when access tracking is enabled on the bucket. */
  readonly lastAccessTime: Date | undefined;
  /** `x-oss-transition-time`: when a lifecycle rule last changed the storage class. */
  readonly transitionTime: Date | undefined;
  readonly versionId: string | undefined;
  /** `x-oss-hash-crc64ecma`, the whole object's CRC-64 (decimal). */
  readonly crc64: string | undefined;
}

/**
 * GetObjectMeta: an object's size, ETag, modification and last-access times, without its user
 * metadata or content type (`HEAD /<key>?objectMeta`). Errors come as for HeadObject: 404
 * `NoSuchKey` (decoded from `x-oss-err`).
 */
export const GetObjectMeta: Operation<GetObjectMetaInput, GetObjectMetaOutput> = {
  name: "GetObjectMeta",
  serialize(input) {
    validateInput(input, "GetObjectMeta");
    validateBucket(input.bucket);
    validateKey(input.key);
    return {
      method: "HEAD",
      bucket: input.bucket,
      key: input.key,
      query: { objectMeta: "", versionId: versionIdParam(input.versionId) },
    };
  },
  parse(response) {
    const h = response.headers;
    return {
      ...resultBase(response),
      contentLength: headerInt(h["content-length"]),
      etag: unquote(h.etag),
      lastModified: headerDate(h["last-modified"]),
      lastAccessTime: headerDate(h["x-oss-last-access-time"]),
      transitionTime: headerDate(h["x-oss-transition-time"]),
      versionId: h["x-oss-version-id"],
      crc64: h[CRC64_HEADER],
    };
  },
};

/** Reads an object's basic metadata. See {@link GetObjectMeta}. */
export const getObjectMeta: OperationFunction<GetObjectMetaInput, GetObjectMetaOutput> =
  operationFunction(GetObjectMeta);
