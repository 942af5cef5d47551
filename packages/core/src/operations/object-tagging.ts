import { toRequestBody } from "@oss-kit/transport";
import { contentMd5 } from "../md5";
import {
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { fail, validateBucket, validateInput, validateKey } from "../validate";
import { buildXml, child, children, parseXml, text } from "../xml";
import { versionIdParam } from "./object-common";
import { taggingHeader } from "./put-object";

/** Input of {@link PutObjectTagging}. */
export interface PutObjectTaggingInput {
  bucket: string;
  key: string;
  /**
   * The whole new tag set (it replaces the old one): up to 10 tags, keys of 1–128 and values
   * of at most 256 characters. OSS allows letters, digits, space and `+ - = . _ : /`.
   */
  tags: Record<string, string>;
  /** A version of the object; default the current one. */
  versionId?: string | undefined;
}

/** Result of {@link PutObjectTagging} and {@link DeleteObjectTagging}. */
export interface ObjectTaggingWriteOutput extends OperationResult {
  readonly versionId: string | undefined;
}

/**
 * PutObjectTagging: replaces an object's tags (`PUT /<key>?tagging` with a `Tagging` document
 * and its `Content-MD5`).
 */
export const PutObjectTagging: Operation<PutObjectTaggingInput, ObjectTaggingWriteOutput> = {
  name: "PutObjectTagging",
  serialize(input) {
    validateInput(input, "PutObjectTagging");
    validateBucket(input.bucket);
    validateKey(input.key);
    if (input.tags === undefined) fail("tags", "is required ({} removes every tag)");
    taggingHeader(input.tags); // the same rules as the x-oss-tagging header
    const tags = Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value }));
    const xml = buildXml("Tagging", { TagSet: { Tag: tags } }, { declaration: false });
    return {
      method: "PUT",
      bucket: input.bucket,
      key: input.key,
      query: { tagging: "", versionId: versionIdParam(input.versionId) },
      headers: { "Content-Type": "application/xml", "Content-MD5": contentMd5(xml) },
      body: toRequestBody(xml),
    };
  },
  parse: (response) => ({
    ...resultBase(response),
    versionId: response.headers["x-oss-version-id"],
  }),
};

/** Replaces an object's tags. See {@link PutObjectTagging}. */
export const putObjectTagging: OperationFunction<PutObjectTaggingInput, ObjectTaggingWriteOutput> =
  operationFunction(PutObjectTagging);

/** Input of {@link GetObjectTagging} and {@link DeleteObjectTagging}. */
export interface ObjectTaggingInput {
  bucket: string;
  key: string;
  /** A version of the object; default the current one. */
  versionId?: string | undefined;
}

/** Result of {@link GetObjectTagging}. */
export interface GetObjectTaggingOutput extends OperationResult {
  /** The tags, `{}` when there are none. */
  readonly tags: Record<string, string>;
  readonly versionId: string | undefined;
}

const ARRAYS = ["Tagging.TagSet.Tag"];

function taggingSpec(input: ObjectTaggingInput, method: string, operation: string) {
  validateInput(input, operation);
  validateBucket(input.bucket);
  validateKey(input.key);
  return {
    method,
    bucket: input.bucket,
    key: input.key,
    query: { tagging: "", versionId: versionIdParam(input.versionId) },
  };
}

/** GetObjectTagging: reads an object's tags (`GET /<key>?tagging`). */
export const GetObjectTagging: Operation<ObjectTaggingInput, GetObjectTaggingOutput> = {
  name: "GetObjectTagging",
  serialize: (input) => taggingSpec(input, "GET", "GetObjectTagging"),
  async parse(response) {
    const { node } = parseXml(await response.body.text(), ARRAYS);
    const tags: Record<string, string> = {};
    for (const tag of children(child(node, "TagSet"), "Tag")) {
      const key = text(tag, "Key");
      if (key !== undefined) tags[key] = text(tag, "Value") ?? "";
    }
    return {
      ...resultBase(response),
      tags,
      versionId: response.headers["x-oss-version-id"],
    };
  },
};

/** Reads an object's tags. See {@link GetObjectTagging}. */
export const getObjectTagging: OperationFunction<ObjectTaggingInput, GetObjectTaggingOutput> =
  operationFunction(GetObjectTagging);

/** DeleteObjectTagging: removes every tag of an object (`DELETE /<key>?tagging`, 204). */
export const DeleteObjectTagging: Operation<ObjectTaggingInput, ObjectTaggingWriteOutput> = {
  name: "DeleteObjectTagging",
  serialize: (input) => taggingSpec(input, "DELETE", "DeleteObjectTagging"),
  parse: (response) => ({
    ...resultBase(response),
    versionId: response.headers["x-oss-version-id"],
  }),
};

/** Removes an object's tags. See {@link DeleteObjectTagging}. */
export const deleteObjectTagging: OperationFunction<ObjectTaggingInput, ObjectTaggingWriteOutput> =
  operationFunction(DeleteObjectTagging);
