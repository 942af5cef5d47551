/**
 * Service and bucket operations: listing and creating buckets, their info, ACL, versioning,
 * CORS, lifecycle and tags, each as an operation object and its function form.
 *
 * @module
 */
import { ServiceError } from "@oss-kit/errors";
import type { OssClient } from "./client";
import { type CallOptions, operationFunction as call, type OperationFunction } from "./operation";
import {
  GetBucketAcl,
  type GetBucketAclInput,
  type GetBucketAclOutput,
  PutBucketAcl,
  type PutBucketAclInput,
  type PutBucketAclOutput,
} from "./operations/bucket-acl";
import {
  DeleteBucket,
  type DeleteBucketInput,
  type DeleteBucketOutput,
  GetBucketInfo,
  type GetBucketInfoInput,
  type GetBucketInfoOutput,
  GetBucketLocation,
  type GetBucketLocationInput,
  type GetBucketLocationOutput,
  GetBucketStat,
  type GetBucketStatInput,
  type GetBucketStatOutput,
  PutBucket,
  type PutBucketInput,
  type PutBucketOutput,
} from "./operations/bucket-basic";
import {
  DeleteBucketCors,
  type DeleteBucketCorsInput,
  type DeleteBucketCorsOutput,
  GetBucketCors,
  type GetBucketCorsInput,
  type GetBucketCorsOutput,
  PutBucketCors,
  type PutBucketCorsInput,
  type PutBucketCorsOutput,
} from "./operations/bucket-cors";
import {
  DeleteBucketLifecycle,
  type DeleteBucketLifecycleInput,
  type DeleteBucketLifecycleOutput,
  GetBucketLifecycle,
  type GetBucketLifecycleInput,
  type GetBucketLifecycleOutput,
  PutBucketLifecycle,
  type PutBucketLifecycleInput,
  type PutBucketLifecycleOutput,
} from "./operations/bucket-lifecycle";
import {
  DeleteBucketTags,
  type DeleteBucketTagsInput,
  type DeleteBucketTagsOutput,
  GetBucketTags,
  type GetBucketTagsInput,
  type GetBucketTagsOutput,
  PutBucketTags,
  type PutBucketTagsInput,
  type PutBucketTagsOutput,
} from "./operations/bucket-tags";
import {
  GetBucketVersioning,
  type GetBucketVersioningInput,
  type GetBucketVersioningOutput,
  PutBucketVersioning,
  type PutBucketVersioningInput,
  type PutBucketVersioningOutput,
} from "./operations/bucket-versioning";
import {
  ListBuckets,
  type ListBucketsInput,
  type ListBucketsOutput,
} from "./operations/list-buckets";
import { paginate } from "./paginate";

export * from "./operations/bucket-acl";
export * from "./operations/bucket-basic";
export {
  BUCKET_ACLS,
  type BucketAcl,
  type BucketInput,
  type BucketOwner,
} from "./operations/bucket-common";
export * from "./operations/bucket-cors";
export * from "./operations/bucket-lifecycle";
export * from "./operations/bucket-tags";
export * from "./operations/bucket-versioning";
export * from "./operations/list-buckets";

/** Lists one page of the account's buckets. See {@link ListBuckets}. */
export const listBuckets: OperationFunction<ListBucketsInput, ListBucketsOutput> =
  call(ListBuckets);
/** Creates a bucket. See {@link PutBucket}. */
export const putBucket: OperationFunction<PutBucketInput, PutBucketOutput> = call(PutBucket);
/** Deletes an empty bucket. See {@link DeleteBucket}. */
export const deleteBucket: OperationFunction<DeleteBucketInput, DeleteBucketOutput> =
  call(DeleteBucket);
/** Reads a bucket's settings. See {@link GetBucketInfo}. */
export const getBucketInfo: OperationFunction<GetBucketInfoInput, GetBucketInfoOutput> =
  call(GetBucketInfo);
/** Reads a bucket's region. See {@link GetBucketLocation}. */
export const getBucketLocation: OperationFunction<GetBucketLocationInput, GetBucketLocationOutput> =
  call(GetBucketLocation);
/** Reads a bucket's storage and object counts. See {@link GetBucketStat}. */
export const getBucketStat: OperationFunction<GetBucketStatInput, GetBucketStatOutput> =
  call(GetBucketStat);
/** Reads a bucket's ACL. See {@link GetBucketAcl}. */
export const getBucketAcl: OperationFunction<GetBucketAclInput, GetBucketAclOutput> =
  call(GetBucketAcl);
/** Sets a bucket's ACL. See {@link PutBucketAcl}. */
export const putBucketAcl: OperationFunction<PutBucketAclInput, PutBucketAclOutput> =
  call(PutBucketAcl);
/** Reads a bucket's versioning state. See {@link GetBucketVersioning}. */
export const getBucketVersioning: OperationFunction<
  GetBucketVersioningInput,
  GetBucketVersioningOutput
> = call(GetBucketVersioning);
/** Enables or suspends versioning. See {@link PutBucketVersioning}. */
export const putBucketVersioning: OperationFunction<
  PutBucketVersioningInput,
  PutBucketVersioningOutput
> = call(PutBucketVersioning);
/** Reads a bucket's CORS rules. See {@link GetBucketCors}. */
export const getBucketCors: OperationFunction<GetBucketCorsInput, GetBucketCorsOutput> =
  call(GetBucketCors);
/** Replaces a bucket's CORS rules. See {@link PutBucketCors}. */
export const putBucketCors: OperationFunction<PutBucketCorsInput, PutBucketCorsOutput> =
  call(PutBucketCors);
/** Removes a bucket's CORS rules. See {@link DeleteBucketCors}. */
export const deleteBucketCors: OperationFunction<DeleteBucketCorsInput, DeleteBucketCorsOutput> =
  call(DeleteBucketCors);
/** Reads a bucket's lifecycle rules. See {@link GetBucketLifecycle}. */
export const getBucketLifecycle: OperationFunction<
  GetBucketLifecycleInput,
  GetBucketLifecycleOutput
> = call(GetBucketLifecycle);
/** Replaces a bucket's lifecycle rules. See {@link PutBucketLifecycle}. */
export const putBucketLifecycle: OperationFunction<
  PutBucketLifecycleInput,
  PutBucketLifecycleOutput
> = call(PutBucketLifecycle);
/** Removes a bucket's lifecycle rules. See {@link DeleteBucketLifecycle}. */
export const deleteBucketLifecycle: OperationFunction<
  DeleteBucketLifecycleInput,
  DeleteBucketLifecycleOutput
> = call(DeleteBucketLifecycle);
/** Reads a bucket's tags. See {@link GetBucketTags}. */
export const getBucketTags: OperationFunction<GetBucketTagsInput, GetBucketTagsOutput> =
  call(GetBucketTags);
/** Tags a bucket. See {@link PutBucketTags}. */
export const putBucketTags: OperationFunction<PutBucketTagsInput, PutBucketTagsOutput> =
  call(PutBucketTags);
/** Deletes all or some of a bucket's tags. See {@link DeleteBucketTags}. */
export const deleteBucketTags: OperationFunction<DeleteBucketTagsInput, DeleteBucketTagsOutput> =
  call(DeleteBucketTags);

/**
 * Every page of the account's buckets, as an async iterator, starting after `input.marker` when
 * given.
 *
 * @example
 * ```ts
 * for await (const page of paginateListBuckets(client, { prefix: "logs-" })) {
 *   for (const bucket of page.buckets) console.log(bucket.name, bucket.region);
 * }
 * ```
 */
export function paginateListBuckets(
  client: OssClient,
  input: ListBucketsInput = {},
  options?: CallOptions,
): AsyncGenerator<ListBucketsOutput, void, undefined> {
  return paginate(
    "ListBuckets",
    (marker) => listBuckets(client, { ...input, marker: marker ?? input.marker }, options),
    (page) => page.nextMarker,
    (page) => page.isTruncated,
  );
}

/**
 * Whether a bucket exists (GetBucketInfo): `false` on `NoSuchBucket`; any other error, such as
 * `AccessDenied` for a bucket of another account, is thrown.
 */
export async function bucketExists(
  client: OssClient,
  input: BucketExistsInput,
  options?: CallOptions,
): Promise<boolean> {
  try {
    await getBucketInfo(client, input, options);
    return true;
  } catch (error) {
    if (error instanceof ServiceError && error.code === "NoSuchBucket") return false;
    throw error;
  }
}

/** Input of {@link bucketExists}. */
export interface BucketExistsInput {
  bucket: string;
}
