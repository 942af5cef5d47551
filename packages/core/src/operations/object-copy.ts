import { ValidationError } from "@oss-kit/errors";
import { encodePath } from "@oss-kit/signer";
import { CRC64_HEADER } from "../checksum";
import {
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { fail, oneOf, validateBucket, validateInput, validateKey } from "../validate";
import { date, parseXml, text, unquote } from "../xml";
import { type Conditions, conditionHeaders } from "./get-object";
import { headerDate, versionIdParam } from "./object-common";
import { type ObjectWriteOptions, objectWriteHeaders } from "./put-object";

/** What CopyObject does with the source's metadata. */
export const METADATA_DIRECTIVES = ["COPY", "REPLACE"] as const;
/** What CopyObject does with the source's tags. */
export const TAGGING_DIRECTIVES = ["Copy", "Replace"] as const;

/** Input of {@link CopyObject}. */
export interface CopyObjectInput extends ObjectWriteOptions {
  /** The destination bucket. */
  bucket: string;
  /** The destination key. */
  key: string;
  /** The source bucket (same region); default `bucket`. */
  sourceBucket?: string | undefined;
  /** The source key: any UTF-8, it is URL-encoded into `x-oss-copy-source` for you. */
  sourceKey: string;
  /** A version of the source; default its current one. */
  sourceVersionId?: string | undefined;
  /**
   * `COPY` (default): keep the source's metadata and content headers. `REPLACE`: use the ones
   * given here. `metadata` requires `REPLACE`.
   */
  metadataDirective?: (typeof METADATA_DIRECTIVES)[number] | undefined;
  /** `Copy` (default): keep the source's tags. `Replace`: use `tags`. `tags` requires `Replace`. */
  taggingDirective?: (typeof TAGGING_DIRECTIVES)[number] | undefined;
  /** Conditions on the source (`x-oss-copy-source-if-*`): 412 or 304 when they do not hold. */
  sourceConditions?: Conditions | undefined;
}

/** Result of {@link CopyObject}. */
export interface CopyObjectOutput extends OperationResult {
  /** The new object's ETag, without quotes. */
  readonly etag: string | undefined;
  readonly lastModified: Date | undefined;
  /** The new object's version (versioned destination bucket). */
  readonly versionId: string | undefined;
  /** The source version that was copied (`x-oss-copy-source-version-id`). */
  readonly sourceVersionId: string | undefined;
  /** `x-oss-hash-crc64ecma` of the new object (decimal). */
  readonly crc64: string | undefined;
}

/** `x-oss-copy-source`: `/bucket/url-encoded-key` (`/` kept), then `?versionId=`. */
export function copySourceHeader(bucket: string, key: string, versionId?: string): string {
  const source = `/${bucket}/${encodePath(key, "sourceKey")}`;
  return versionId === undefined ? source : `${source}?versionId=${versionId}`;
}

/**
 * CopyObject: copies an object of up to 1 GB within a region (`PUT` with `x-oss-copy-source`),
 * optionally replacing its metadata and tags. Bigger objects need UploadPartCopy. Source keys
 * may hold any character (`/`, spaces, `+`, `%`, `?`, `#`, non-ASCII).
 */
export const CopyObject: Operation<CopyObjectInput, CopyObjectOutput> = {
  name: "CopyObject",
  serialize(input) {
    validateInput(input, "CopyObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    const sourceBucket = input.sourceBucket ?? input.bucket;
    validateBucket(sourceBucket, "sourceBucket");
    validateKey(input.sourceKey, "sourceKey");
    const sourceVersionId = versionIdParam(input.sourceVersionId, "sourceVersionId");
    const metadataDirective = oneOf(
      input.metadataDirective,
      "metadataDirective",
      METADATA_DIRECTIVES,
    );
    const taggingDirective = oneOf(input.taggingDirective, "taggingDirective", TAGGING_DIRECTIVES);
    if (input.metadata !== undefined && metadataDirective !== "REPLACE") {
      fail(
        "metadataDirective",
        'must be "REPLACE" when metadata is given (COPY keeps the source\'s)',
      );
    }
    if (input.tags !== undefined && taggingDirective !== "Replace") {
      fail("taggingDirective", 'must be "Replace" when tags are given (Copy keeps the source\'s)');
    }
    const headers = objectWriteHeaders(input);
    headers["x-oss-copy-source"] = copySourceHeader(sourceBucket, input.sourceKey, sourceVersionId);
    if (metadataDirective) headers["x-oss-metadata-directive"] = metadataDirective;
    if (taggingDirective) headers["x-oss-tagging-directive"] = taggingDirective;
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
    return { method: "PUT", bucket: input.bucket, key: input.key, headers };
  },
  async parse(response) {
    const body = await response.body.text();
    const node = body.trim() === "" ? undefined : parseXml(body).node;
    const h = response.headers;
    return {
      ...resultBase(response),
      etag: unquote(text(node, "ETag")?.trim() || h.etag),
      lastModified: date(node, "LastModified") ?? headerDate(h["last-modified"]),
      versionId: h["x-oss-version-id"],
      sourceVersionId: h["x-oss-copy-source-version-id"],
      crc64: h[CRC64_HEADER],
    };
  },
};

/** Copies an object. See {@link CopyObject}. */
export const copyObject: OperationFunction<CopyObjectInput, CopyObjectOutput> =
  operationFunction(CopyObject);
