import { type Operation, type OperationResult, resultBase } from "../operation";
import { fail } from "../validate";
import { child, children, parseXml, text } from "../xml";
import {
  type BucketInput,
  checkBucketInput,
  optionalArray,
  optionalObject,
  utf8Length,
  xmlRequest,
} from "./bucket-common";

/** At most this many tags per bucket. */
export const MAX_BUCKET_TAGS = 20;

const RESERVED_KEY = /^(?:https?:\/\/|aliyun)/i;

/** Checks a bucket tag key: 1–64 bytes, not starting with `http://`, `https://`, `Aliyun`, `acs`. */
function checkTagKey(key: unknown, field: string): string {
  if (typeof key !== "string" || key === "") fail(field, "tag keys must be non-empty strings");
  if (utf8Length(key) > 64) fail(field, "tag keys are at most 64 bytes of UTF-8");
  if (RESERVED_KEY.test(key) || key.startsWith("acs")) {
    fail(field, "tag keys must not start with http://, https://, Aliyun or acs");
  }
  return key;
}

/** Input of {@link PutBucketTags}. */
export interface PutBucketTagsInput {
  bucket: string;
  /**
   * 1 to 20 tags. Keys: 1–64 bytes, not starting with `http://`, `https://`, `Aliyun` or `acs`;
   * values: at most 128 bytes. A tag replaces the bucket's tag with the same key.
   */
  tags: Record<string, string>;
}

/** Result of {@link PutBucketTags}. */
export type PutBucketTagsOutput = OperationResult;

/** PutBucketTags: tags a bucket (`PUT /?tagging`). */
export const PutBucketTags: Operation<PutBucketTagsInput, PutBucketTagsOutput> = {
  name: "PutBucketTags",
  serialize(input) {
    checkBucketInput(input, "PutBucketTags");
    const tags = optionalObject(input.tags, "tags") ?? fail("tags", "is required");
    const entries = Object.entries(tags);
    if (entries.length === 0) {
      fail("tags", "must hold at least one tag (use DeleteBucketTags to remove them)");
    }
    if (entries.length > MAX_BUCKET_TAGS) fail("tags", `at most ${MAX_BUCKET_TAGS} tags`);
    const xml = xmlRequest("Tagging", {
      TagSet: {
        Tag: entries.map(([key, value]) => {
          const field = `tags.${key}`;
          checkTagKey(key, field);
          if (typeof value !== "string") fail(field, "tag values must be strings");
          if (utf8Length(value) > 128) fail(field, "tag values are at most 128 bytes of UTF-8");
          if (/^https?:\/\//i.test(value)) {
            fail(field, "tag values must not start with http:// or https://");
          }
          return { Key: key, Value: value };
        }),
      },
    });
    return {
      method: "PUT",
      bucket: input.bucket,
      query: { tagging: "" },
      headers: xml.headers,
      body: xml.body,
    };
  },
  parse: (response) => resultBase(response),
};

/** Input of {@link GetBucketTags}. */
export type GetBucketTagsInput = BucketInput;

/** Result of {@link GetBucketTags}. */
export interface GetBucketTagsOutput extends OperationResult {
  /** The tags; `{}` when the bucket has none. */
  readonly tags: Record<string, string>;
}

/** GetBucketTags: a bucket's tags (`GET /?tagging`). */
export const GetBucketTags: Operation<GetBucketTagsInput, GetBucketTagsOutput> = {
  name: "GetBucketTags",
  serialize(input) {
    checkBucketInput(input, "GetBucketTags");
    return { method: "GET", bucket: input.bucket, query: { tagging: "" } };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text(), ["Tagging.TagSet.Tag"]);
    const tags: Record<string, string> = {};
    for (const tag of children(child(node, "TagSet"), "Tag")) {
      tags[text(tag, "Key") ?? ""] = text(tag, "Value") ?? "";
    }
    return { ...resultBase(response), tags };
  },
};

/** Input of {@link DeleteBucketTags}. */
export interface DeleteBucketTagsInput {
  bucket: string;
  /** Delete only these keys (`?tagging=k1,k2`); left out, every tag is deleted. */
  keys?: string[] | undefined;
}

/** Result of {@link DeleteBucketTags}. */
export type DeleteBucketTagsOutput = OperationResult;

/** DeleteBucketTags: deletes all of a bucket's tags, or the listed keys (`DELETE /?tagging`). */
export const DeleteBucketTags: Operation<DeleteBucketTagsInput, DeleteBucketTagsOutput> = {
  name: "DeleteBucketTags",
  serialize(input) {
    checkBucketInput(input, "DeleteBucketTags");
    const keys = optionalArray(input.keys, "keys");
    if (keys !== undefined && keys.length === 0) {
      fail("keys", "must list at least one key (leave it out to delete every tag)");
    }
    const names = keys?.map((key, i) => {
      if (typeof key !== "string" || key === "") fail(`keys[${i}]`, "must be a non-empty string");
      if (key.includes(",")) fail(`keys[${i}]`, "must not contain ','");
      return key;
    });
    return {
      method: "DELETE",
      bucket: input.bucket,
      query: { tagging: names === undefined ? "" : names.join(",") },
    };
  },
  parse: (response) => resultBase(response),
};
