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
import { bool, child, children, date, int, parseXml, text } from "../xml";
import { urlDecode } from "./list-objects-v2";
import { optionalString } from "./object-common";
import { commonPrefixes, type ListedObject, listedObject } from "./object-list-v1";

/** Input of {@link ListObjectVersions}. */
export interface ListObjectVersionsInput {
  bucket: string;
  prefix?: string | undefined;
  /** Group keys by this character (usually `/`) into `commonPrefixes`. */
  delimiter?: string | undefined;
  /** List versions after this key (the previous page's `nextKeyMarker`). */
  keyMarker?: string | undefined;
  /** With `keyMarker`: continue after this version of that key (`nextVersionIdMarker`). */
  versionIdMarker?: string | undefined;
  /** 1–999; default 100. */
  maxKeys?: number | undefined;
}

/** One version of an object. */
export interface ObjectVersion extends ListedObject {
  /** The version id; `""` for an object written before versioning was enabled. */
  readonly versionId: string;
  /** Whether this is the key's current version. */
  readonly isLatest: boolean;
}

/** A delete marker: the current "version" of a key deleted in a versioned bucket. */
export interface DeleteMarkerEntry {
  readonly key: string;
  readonly versionId: string;
  readonly isLatest: boolean;
  readonly lastModified: Date | undefined;
  readonly owner: { id: string | undefined; displayName: string | undefined } | undefined;
}

/** Result of {@link ListObjectVersions}: one page. */
export interface ListObjectVersionsOutput extends OperationResult {
  readonly name: string | undefined;
  readonly prefix: string | undefined;
  readonly keyMarker: string | undefined;
  readonly versionIdMarker: string | undefined;
  readonly delimiter: string | undefined;
  readonly maxKeys: number | undefined;
  readonly isTruncated: boolean;
  /** Pass back as `keyMarker` for the next page. */
  readonly nextKeyMarker: string | undefined;
  /** Pass back as `versionIdMarker` for the next page. */
  readonly nextVersionIdMarker: string | undefined;
  /** Object versions, by key, newest first within a key. */
  readonly versions: ObjectVersion[];
  /** Delete markers, by key, newest first within a key. */
  readonly deleteMarkers: DeleteMarkerEntry[];
  readonly commonPrefixes: string[];
}

const ARRAYS = [
  "ListVersionsResult.Version",
  "ListVersionsResult.DeleteMarker",
  "ListVersionsResult.CommonPrefixes",
];

/**
 * ListObjectVersions (GetBucketVersions): one page of every version and delete marker in a
 * bucket (`GET /?versions`). Keys are requested URL-encoded and decoded for you. For all pages,
 * use {@link paginateListObjectVersions}.
 */
export const ListObjectVersions: Operation<ListObjectVersionsInput, ListObjectVersionsOutput> = {
  name: "ListObjectVersions",
  serialize(input) {
    validateInput(input, "ListObjectVersions");
    validateBucket(input.bucket);
    const maxKeys = integer(input.maxKeys, "maxKeys", 1, 999);
    const keyMarker = optionalString(input.keyMarker, "keyMarker");
    const versionIdMarker = optionalString(input.versionIdMarker, "versionIdMarker");
    if (versionIdMarker !== undefined && keyMarker === undefined) {
      fail("versionIdMarker", "needs keyMarker");
    }
    return {
      method: "GET",
      bucket: input.bucket,
      query: {
        versions: "",
        "encoding-type": "url",
        prefix: optionalString(input.prefix, "prefix"),
        delimiter: optionalString(input.delimiter, "delimiter"),
        "key-marker": keyMarker,
        "version-id-marker": versionIdMarker,
        "max-keys": maxKeys === undefined ? undefined : String(maxKeys),
      },
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), ARRAYS);
    const encoded = text(node, "EncodingType")?.toLowerCase() === "url";
    return {
      ...resultBase(response),
      name: text(node, "Name"),
      prefix: urlDecode(text(node, "Prefix"), encoded),
      keyMarker: urlDecode(text(node, "KeyMarker"), encoded),
      versionIdMarker: text(node, "VersionIdMarker"),
      delimiter: urlDecode(text(node, "Delimiter"), encoded),
      maxKeys: int(node, "MaxKeys"),
      isTruncated: bool(node, "IsTruncated") ?? false,
      nextKeyMarker: urlDecode(text(node, "NextKeyMarker") || undefined, encoded),
      nextVersionIdMarker: text(node, "NextVersionIdMarker") || undefined,
      versions: children(node, "Version").map((v) => ({
        ...listedObject(v, encoded),
        versionId: text(v, "VersionId") ?? "",
        isLatest: bool(v, "IsLatest") ?? false,
      })),
      deleteMarkers: children(node, "DeleteMarker").map((d) => {
        const owner = child(d, "Owner");
        return {
          key: urlDecode(text(d, "Key"), encoded) ?? "",
          versionId: text(d, "VersionId") ?? "",
          isLatest: bool(d, "IsLatest") ?? false,
          lastModified: date(d, "LastModified"),
          owner: owner
            ? { id: text(owner, "ID"), displayName: text(owner, "DisplayName") }
            : undefined,
        };
      }),
      commonPrefixes: commonPrefixes(node, encoded),
    };
  },
};

/** Lists one page of object versions. See {@link ListObjectVersions}. */
export const listObjectVersions: OperationFunction<
  ListObjectVersionsInput,
  ListObjectVersionsOutput
> = operationFunction(ListObjectVersions);

/**
 * Every page of a version listing, as an async iterator, following `nextKeyMarker` and
 * `nextVersionIdMarker`.
 *
 * @example
 * ```ts
 * for await (const page of paginateListObjectVersions(client, { bucket: "examplebucket" })) {
 *   for (const v of page.versions) console.log(v.key, v.versionId, v.isLatest);
 *   for (const m of page.deleteMarkers) console.log("deleted:", m.key, m.versionId);
 * }
 * ```
 */
export function paginateListObjectVersions(
  client: OssClient,
  input: ListObjectVersionsInput,
  options?: CallOptions,
): AsyncGenerator<ListObjectVersionsOutput, void, undefined> {
  return paginate(
    "ListObjectVersions",
    (token) => {
      if (token === undefined) return listObjectVersions(client, input, options);
      const [keyMarker, versionIdMarker] = JSON.parse(token) as [string, string | null];
      return listObjectVersions(
        client,
        { ...input, keyMarker, versionIdMarker: versionIdMarker ?? undefined },
        options,
      );
    },
    (page) =>
      page.nextKeyMarker === undefined
        ? undefined
        : JSON.stringify([page.nextKeyMarker, page.nextVersionIdMarker]),
    (page) => page.isTruncated,
  );
}
