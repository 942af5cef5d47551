import { type Operation, type OperationResult, resultBase } from "../operation";
import { fail, integer, validateBucket, validateInput } from "../validate";
import { bool, children, date, int, parseXml, text, unquote, type XmlNode } from "../xml";

/** Input of {@link ListObjectsV2}. */
export interface ListObjectsV2Input {
  bucket: string;
  prefix?: string | undefined;
  /** Group keys by this character (usually `/`) into `commonPrefixes`. */
  delimiter?: string | undefined;
  /** List keys after this one. */
  startAfter?: string | undefined;
  /** From the previous page's `nextContinuationToken`. */
  continuationToken?: string | undefined;
  /** 1–1000; default 100. */
  maxKeys?: number | undefined;
  /** Include each object's owner. */
  fetchOwner?: boolean | undefined;
}

/** One listed object. */
export interface ObjectSummary {
  readonly key: string;
  readonly lastModified: Date | undefined;
  readonly etag: string | undefined;
  readonly size: number;
  readonly storageClass: string | undefined;
  /** `Normal`, `Multipart`, `Appendable`, `Symlink`. */
  readonly type: string | undefined;
  readonly owner: { id: string | undefined; displayName: string | undefined } | undefined;
}

/** Result of {@link ListObjectsV2}: one page. */
export interface ListObjectsV2Output extends OperationResult {
  readonly name: string | undefined;
  readonly prefix: string | undefined;
  readonly delimiter: string | undefined;
  readonly startAfter: string | undefined;
  readonly maxKeys: number | undefined;
  readonly keyCount: number | undefined;
  readonly isTruncated: boolean;
  /** Pass back as `continuationToken` for the next page. */
  readonly nextContinuationToken: string | undefined;
  readonly contents: ObjectSummary[];
  readonly commonPrefixes: string[];
}

const ARRAYS = ["ListBucketResult.Contents", "ListBucketResult.CommonPrefixes"];

/** Decodes an `encoding-type=url` value. */
export function urlDecode(value: string | undefined, encoded: boolean): string | undefined {
  if (value === undefined || !encoded) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value !== undefined && typeof value !== "string") fail(field, "must be a string");
  return value as string | undefined;
}

/** The object summary of a `<Contents>` element. */
export function objectSummary(node: XmlNode, encoded: boolean): ObjectSummary {
  const owner = children(node, "Owner")[0];
  return {
    key: urlDecode(text(node, "Key"), encoded) ?? "",
    lastModified: date(node, "LastModified"),
    etag: unquote(text(node, "ETag")),
    size: int(node, "Size") ?? 0,
    storageClass: text(node, "StorageClass"),
    type: text(node, "Type"),
    owner: owner ? { id: text(owner, "ID"), displayName: text(owner, "DisplayName") } : undefined,
  };
}

/**
 * ListObjectsV2: one page of a bucket's objects. Keys are requested URL-encoded (so control
 * characters survive XML) and decoded for you. For all pages, use `paginateListObjectsV2`.
 */
export const ListObjectsV2: Operation<ListObjectsV2Input, ListObjectsV2Output> = {
  name: "ListObjectsV2",
  serialize(input) {
    validateInput(input, "ListObjectsV2");
    validateBucket(input.bucket);
    const maxKeys = integer(input.maxKeys, "maxKeys", 1, 1000);
    if (input.fetchOwner !== undefined && typeof input.fetchOwner !== "boolean") {
      fail("fetchOwner", "must be a boolean");
    }
    return {
      method: "GET",
      bucket: input.bucket,
      query: {
        "list-type": "2",
        "encoding-type": "url",
        prefix: optionalString(input.prefix, "prefix"),
        delimiter: optionalString(input.delimiter, "delimiter"),
        "start-after": optionalString(input.startAfter, "startAfter"),
        "continuation-token": optionalString(input.continuationToken, "continuationToken"),
        "max-keys": maxKeys === undefined ? undefined : String(maxKeys),
        "fetch-owner": input.fetchOwner === undefined ? undefined : String(input.fetchOwner),
      },
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), ARRAYS);
    const encoded = text(node, "EncodingType") === "url";
    return {
      ...resultBase(response),
      name: text(node, "Name"),
      prefix: urlDecode(text(node, "Prefix"), encoded),
      delimiter: urlDecode(text(node, "Delimiter"), encoded),
      startAfter: urlDecode(text(node, "StartAfter"), encoded),
      maxKeys: int(node, "MaxKeys"),
      keyCount: int(node, "KeyCount"),
      isTruncated: bool(node, "IsTruncated") ?? false,
      nextContinuationToken: text(node, "NextContinuationToken") || undefined,
      contents: children(node, "Contents").map((c) => objectSummary(c, encoded)),
      commonPrefixes: children(node, "CommonPrefixes")
        .map((c) => urlDecode(text(c, "Prefix"), encoded) ?? "")
        .filter((prefix) => prefix !== ""),
    };
  },
};
