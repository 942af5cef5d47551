import type { OssClient } from "../client";
import {
  type CallOptions,
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { paginate } from "../paginate";
import { fail, integer, validateBucket, validateInput } from "../validate";
import { bool, children, date, int, parseXml, text, type XmlNode } from "../xml";
import { type ObjectSummary, objectSummary, urlDecode } from "./list-objects-v2";
import { optionalString } from "./object-common";

/** One listed object, with the archive fields of v1 listings and version listings. */
export interface ListedObject extends ObjectSummary {
  /**
   * `RestoreInfo` of an archived object: `ongoing-request="true"` while restoring, then
   * `ongoing-request="false", expiry-date="…"`.
   */
  readonly restoreInfo: string | undefined;
  /** When a lifecycle rule last changed the storage class. */
  readonly transitionTime: Date | undefined;
}

/** The {@link ListedObject} of a `<Contents>` or `<Version>` element. @internal */
export function listedObject(node: XmlNode, encoded: boolean): ListedObject {
  return {
    ...objectSummary(node, encoded),
    restoreInfo: text(node, "RestoreInfo"),
    transitionTime: date(node, "TransitionTime"),
  };
}

/** The `<CommonPrefixes><Prefix>` values, decoded; empty `<CommonPrefixes/>` are skipped. @internal */
export function commonPrefixes(node: XmlNode, encoded: boolean): string[] {
  const prefixes: string[] = [];
  for (const c of children(node, "CommonPrefixes")) {
    const prefix = text(c, "Prefix");
    if (prefix !== undefined) prefixes.push(urlDecode(prefix, encoded) ?? prefix);
  }
  return prefixes;
}

/** Input of {@link ListObjects}. */
export interface ListObjectsInput {
  bucket: string;
  prefix?: string | undefined;
  /** Group keys by this character (usually `/`) into `commonPrefixes`. */
  delimiter?: string | undefined;
  /** List keys after this one (the previous page's `nextMarker`); under 1024 bytes. */
  marker?: string | undefined;
  /** 1–1000; default 100. */
  maxKeys?: number | undefined;
}

/** Result of {@link ListObjects}: one page. */
export interface ListObjectsOutput extends OperationResult {
  readonly name: string | undefined;
  readonly prefix: string | undefined;
  readonly marker: string | undefined;
  readonly delimiter: string | undefined;
  readonly maxKeys: number | undefined;
  readonly isTruncated: boolean;
  /** Pass back as `marker` for the next page (when `isTruncated`). */
  readonly nextMarker: string | undefined;
  readonly contents: ListedObject[];
  readonly commonPrefixes: string[];
}

const ARRAYS = ["ListBucketResult.Contents", "ListBucketResult.CommonPrefixes"];
const encoder = new TextEncoder();

/**
 * ListObjects (v1, GetBucket): one page of a bucket's objects, paged by `marker`. Keys are
 * requested URL-encoded and decoded for you. Prefer ListObjectsV2 for new code; for all pages,
 * use {@link paginateListObjects}.
 */
export const ListObjects: Operation<ListObjectsInput, ListObjectsOutput> = {
  name: "ListObjects",
  serialize(input) {
    validateInput(input, "ListObjects");
    validateBucket(input.bucket);
    const maxKeys = integer(input.maxKeys, "maxKeys", 1, 1000);
    const marker = optionalString(input.marker, "marker");
    if (marker !== undefined && encoder.encode(marker).length >= 1024) {
      fail("marker", "must be under 1024 bytes");
    }
    return {
      method: "GET",
      bucket: input.bucket,
      query: {
        "encoding-type": "url",
        prefix: optionalString(input.prefix, "prefix"),
        delimiter: optionalString(input.delimiter, "delimiter"),
        marker,
        "max-keys": maxKeys === undefined ? undefined : String(maxKeys),
      },
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), ARRAYS);
    const encoded = text(node, "EncodingType")?.toLowerCase() === "url";
    const contents = children(node, "Contents").map((c) => listedObject(c, encoded));
    const prefixes = commonPrefixes(node, encoded);
    const isTruncated = bool(node, "IsTruncated") ?? false;
    let nextMarker = urlDecode(text(node, "NextMarker") || undefined, encoded);
    if (isTruncated && nextMarker === undefined) {
      // Without NextMarker, the page's last entry (in key order) is where the next one starts.
      nextMarker = [...contents.map((c) => c.key), ...prefixes].sort().pop();
    }
    return {
      ...resultBase(response),
      name: text(node, "Name"),
      prefix: urlDecode(text(node, "Prefix"), encoded),
      marker: urlDecode(text(node, "Marker"), encoded),
      delimiter: urlDecode(text(node, "Delimiter"), encoded),
      maxKeys: int(node, "MaxKeys"),
      isTruncated,
      nextMarker,
      contents,
      commonPrefixes: prefixes,
    };
  },
};

/** Lists one page of objects (v1). See {@link ListObjects}. */
export const listObjects: OperationFunction<ListObjectsInput, ListObjectsOutput> =
  operationFunction(ListObjects);

/**
 * Every page of a v1 listing, as an async iterator, following `nextMarker` from `marker` (if
 * given).
 *
 * @example
 * ```ts
 * for await (const page of paginateListObjects(client, { bucket: "examplebucket", prefix: "logs/" })) {
 *   for (const object of page.contents) console.log(object.key, object.size);
 * }
 * ```
 */
export function paginateListObjects(
  client: OssClient,
  input: ListObjectsInput,
  options?: CallOptions,
): AsyncGenerator<ListObjectsOutput, void, undefined> {
  return paginate(
    "ListObjects",
    (token) => listObjects(client, { ...input, marker: token ?? input.marker }, options),
    (page) => page.nextMarker,
    (page) => page.isTruncated,
  );
}
