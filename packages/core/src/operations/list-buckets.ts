import { type Operation, type OperationResult, resultBase } from "../operation";
import { fail, integer, validateInput } from "../validate";
import { bool, child, children, date, int, parseXml, type XmlNode } from "../xml";
import {
  type BucketOwner,
  optionalString,
  optionalText,
  ownerOf,
  resourceGroupHeader,
} from "./bucket-common";

/** Input of {@link ListBuckets}. Every field is optional: `{}` lists the first page. */
export interface ListBucketsInput {
  /** Only buckets whose names start with this. */
  prefix?: string | undefined;
  /** List buckets after this name (the previous page's `nextMarker`). */
  marker?: string | undefined;
  /** 1–1000; default 100. */
  maxKeys?: number | undefined;
  /** Only buckets of this resource group (`x-oss-resource-group-id`). */
  resourceGroupId?: string | undefined;
  /** Only buckets with a tag of this key (`tag-key`). */
  tagKey?: string | undefined;
  /** With `tagKey`: only buckets whose tag has this value (`tag-value`). */
  tagValue?: string | undefined;
}

/** One bucket of a listing. */
export interface BucketSummary {
  readonly name: string;
  readonly creationDate: Date | undefined;
  /** The `oss-`-prefixed location, e.g. `oss-cn-hangzhou`. */
  readonly location: string | undefined;
  /** The bare region id, e.g. `cn-hangzhou`. */
  readonly region: string | undefined;
  readonly extranetEndpoint: string | undefined;
  readonly intranetEndpoint: string | undefined;
  readonly storageClass: string | undefined;
  readonly resourceGroupId: string | undefined;
}

/** Result of {@link ListBuckets}: one page. */
export interface ListBucketsOutput extends OperationResult {
  readonly owner: BucketOwner | undefined;
  readonly buckets: BucketSummary[];
  /** Echoed when the listing was filtered or paged. */
  readonly prefix: string | undefined;
  readonly marker: string | undefined;
  readonly maxKeys: number | undefined;
  readonly isTruncated: boolean;
  /** Pass back as `marker` for the next page. */
  readonly nextMarker: string | undefined;
}

const ARRAYS = ["ListAllMyBucketsResult.Buckets.Bucket"];

function bucketSummary(node: XmlNode): BucketSummary {
  return {
    name: optionalText(node, "Name") ?? "",
    creationDate: date(node, "CreationDate"),
    location: optionalText(node, "Location"),
    region: optionalText(node, "Region"),
    extranetEndpoint: optionalText(node, "ExtranetEndpoint"),
    intranetEndpoint: optionalText(node, "IntranetEndpoint"),
    storageClass: optionalText(node, "StorageClass"),
    resourceGroupId: optionalText(node, "ResourceGroupId"),
  };
}

/**
 * ListBuckets (GetService): one page of the account's buckets, on the service endpoint. For
 * every page, use `paginateListBuckets`.
 */
export const ListBuckets: Operation<ListBucketsInput, ListBucketsOutput> = {
  name: "ListBuckets",
  serialize(input) {
    validateInput(input, "ListBuckets");
    const maxKeys = integer(input.maxKeys, "maxKeys", 1, 1000);
    const tagKey = optionalString(input.tagKey, "tagKey");
    const tagValue = optionalString(input.tagValue, "tagValue");
    if (tagKey === "") fail("tagKey", "must not be empty");
    if (tagValue !== undefined && tagKey === undefined) fail("tagValue", "requires tagKey");
    const headers: Record<string, string> = {};
    const group = resourceGroupHeader(input.resourceGroupId);
    if (group !== undefined) headers["x-oss-resource-group-id"] = group;
    return {
      method: "GET",
      query: {
        prefix: optionalString(input.prefix, "prefix"),
        marker: optionalString(input.marker, "marker"),
        "max-keys": maxKeys === undefined ? undefined : String(maxKeys),
        "tag-key": tagKey,
        "tag-value": tagValue,
      },
      headers,
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), ARRAYS);
    return {
      ...resultBase(response),
      owner: ownerOf(child(node, "Owner")),
      buckets: children(child(node, "Buckets"), "Bucket").map(bucketSummary),
      prefix: optionalText(node, "Prefix"),
      marker: optionalText(node, "Marker"),
      maxKeys: int(node, "MaxKeys"),
      isTruncated: bool(node, "IsTruncated") ?? false,
      nextMarker: optionalText(node, "NextMarker"),
    };
  },
};
