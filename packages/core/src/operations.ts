import type { OssClient } from "./client";
import { type CallOptions, operationFunction as call } from "./operation";
import {
  DeleteObject,
  type DeleteObjectInput,
  type DeleteObjectOutput,
  GetObject,
  type GetObjectInput,
  type GetObjectOutput,
  HeadObject,
  type HeadObjectInput,
  type ObjectInfo,
} from "./operations/get-object";
import {
  ListObjectsV2,
  type ListObjectsV2Input,
  type ListObjectsV2Output,
} from "./operations/list-objects-v2";
import { PutObject, type PutObjectInput, type PutObjectOutput } from "./operations/put-object";
import { paginate } from "./paginate";

/** Uploads an object in one request. See {@link PutObject}. */
export const putObject: (
  client: OssClient,
  input: PutObjectInput,
  options?: CallOptions,
) => Promise<PutObjectOutput> = /* @__PURE__ */ call(PutObject);
/** Reads an object. See {@link GetObject}. */
export const getObject: (
  client: OssClient,
  input: GetObjectInput,
  options?: CallOptions,
) => Promise<GetObjectOutput> = /* @__PURE__ */ call(GetObject);
/** Reads an object's metadata. See {@link HeadObject}. */
export const headObject: (
  client: OssClient,
  input: HeadObjectInput,
  options?: CallOptions,
) => Promise<ObjectInfo> = /* @__PURE__ */ call(HeadObject);
/** Deletes an object. See {@link DeleteObject}. */
export const deleteObject: (
  client: OssClient,
  input: DeleteObjectInput,
  options?: CallOptions,
) => Promise<DeleteObjectOutput> = /* @__PURE__ */ call(DeleteObject);
/** Lists one page of objects. See {@link ListObjectsV2}. */
export const listObjectsV2: (
  client: OssClient,
  input: ListObjectsV2Input,
  options?: CallOptions,
) => Promise<ListObjectsV2Output> = /* @__PURE__ */ call(ListObjectsV2);

/**
 * Every page of a listing, as an async iterator.
 *
 * @example
 * ```ts
 * for await (const page of paginateListObjectsV2(client, { bucket: "examplebucket", prefix: "logs/" })) {
 *   for (const object of page.contents) console.log(object.key, object.size);
 * }
 * ```
 */
export function paginateListObjectsV2(
  client: OssClient,
  input: Omit<ListObjectsV2Input, "continuationToken">,
  options?: CallOptions,
): AsyncGenerator<ListObjectsV2Output, void, undefined> {
  return paginate(
    "ListObjectsV2",
    (continuationToken) => listObjectsV2(client, { ...input, continuationToken }, options),
    (page) => page.nextContinuationToken,
    (page) => page.isTruncated,
  );
}

/** Whether an object exists (HEAD; `false` on 404, other errors thrown). */
export async function objectExists(
  client: OssClient,
  input: HeadObjectInput,
  options?: CallOptions,
): Promise<boolean> {
  try {
    await headObject(client, input, options);
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}
