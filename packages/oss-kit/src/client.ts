import {
  abortMultipartUpload,
  appendObject,
  asyncProcessObject,
  bucketExists,
  type ClientConfig,
  completeMultipartUpload,
  copyObject,
  deleteBucket,
  deleteBucketCors,
  deleteBucketLifecycle,
  deleteBucketTags,
  deleteMultipleObjects,
  deleteObject,
  deleteObjectTagging,
  getBucketAcl,
  getBucketCors,
  getBucketInfo,
  getBucketLifecycle,
  getBucketLocation,
  getBucketStat,
  getBucketTags,
  getBucketVersioning,
  getObject,
  getObjectAcl,
  getObjectMeta,
  getObjectTagging,
  getSymlink,
  headObject,
  initiateMultipartUpload,
  listBuckets,
  listMultipartUploads,
  listObjects,
  listObjectsV2,
  listObjectVersions,
  listParts,
  OssClient,
  objectExists,
  objectUrl,
  paginateListBuckets,
  paginateListMultipartUploads,
  paginateListObjects,
  paginateListObjectsV2,
  paginateListObjectVersions,
  paginateListParts,
  presignAbortMultipartUpload,
  presignCompleteMultipartUpload,
  presignGetObject,
  presignHeadObject,
  presignInitiateMultipartUpload,
  presignPutObject,
  presignUploadPart,
  processObject,
  putBucket,
  putBucketAcl,
  putBucketCors,
  putBucketLifecycle,
  putBucketTags,
  putBucketVersioning,
  putObject,
  putObjectAcl,
  putObjectTagging,
  putSymlink,
  restoreObject,
  uploadPart,
  uploadPartCopy,
} from "@oss-kit/core";

/**
 * Every operation the client offers, by method name. Each takes the core client first; the
 * `Client` methods bind it. One table, so the class cannot drift from the functions.
 */
export const clientOperations = {
  // service and buckets
  listBuckets,
  paginateListBuckets,
  putBucket,
  deleteBucket,
  bucketExists,
  getBucketInfo,
  getBucketLocation,
  getBucketStat,
  getBucketAcl,
  putBucketAcl,
  getBucketVersioning,
  putBucketVersioning,
  getBucketCors,
  putBucketCors,
  deleteBucketCors,
  getBucketLifecycle,
  putBucketLifecycle,
  deleteBucketLifecycle,
  getBucketTags,
  putBucketTags,
  deleteBucketTags,
  // objects
  putObject,
  getObject,
  headObject,
  objectExists,
  getObjectMeta,
  deleteObject,
  deleteMultipleObjects,
  copyObject,
  appendObject,
  listObjects,
  paginateListObjects,
  listObjectsV2,
  paginateListObjectsV2,
  listObjectVersions,
  paginateListObjectVersions,
  getObjectAcl,
  putObjectAcl,
  getObjectTagging,
  putObjectTagging,
  deleteObjectTagging,
  putSymlink,
  getSymlink,
  restoreObject,
  // multipart
  initiateMultipartUpload,
  uploadPart,
  uploadPartCopy,
  completeMultipartUpload,
  abortMultipartUpload,
  listParts,
  paginateListParts,
  listMultipartUploads,
  paginateListMultipartUploads,
  // processing
  processObject,
  asyncProcessObject,
  // URLs
  presignGetObject,
  presignHeadObject,
  presignPutObject,
  presignInitiateMultipartUpload,
  presignUploadPart,
  presignCompleteMultipartUpload,
  presignAbortMultipartUpload,
  objectUrl,
};

/** A core function with its client argument bound. */
export type BoundOperation<F> = F extends (client: OssClient, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

/** The methods of {@link Client}: every operation function of `@oss-kit/core`, client bound. */
export type ClientMethods = {
  [K in keyof typeof clientOperations]: BoundOperation<(typeof clientOperations)[K]>;
};

/** The method names of {@link Client}, in the order of the table. */
export const CLIENT_METHODS: readonly (keyof ClientMethods)[] = Object.keys(
  clientOperations,
) as (keyof ClientMethods)[];

/** The operation methods, installed on the prototype from one table. */
export interface Client extends ClientMethods {}

/**
 * The OSS client with a method for every operation: a thin layer over `OssClient` and the
 * operation functions of `@oss-kit/core`. For the smallest browser bundles, import those
 * (`OssClient` + `putObject`) instead, and a bundler keeps only what you call.
 *
 * Credentials default to `OSS_ACCESS_KEY_ID` / `OSS_ACCESS_KEY_SECRET` / `OSS_SESSION_TOKEN`;
 * the transport to undici in Node and fetch elsewhere.
 *
 * @example
 * ```ts
 * import { Client, image } from "oss-kit";
 *
 * const oss = new Client({ region: "cn-hangzhou" });
 * await oss.putObject({ bucket: "examplebucket", key: "hello.txt", body: "hello" });
 * const thumb = await oss.getObject({ bucket: "examplebucket", key: "cat.jpg", process: image().resize({ w: 200 }) });
 * for await (const page of oss.paginateListObjectsV2({ bucket: "examplebucket" })) console.log(page.contents.length);
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class Client {
  /** The core client: endpoint, pipeline, clock, transport. */
  readonly core: OssClient;

  constructor(config: ClientConfig) {
    this.core = new OssClient(config);
  }

  /** The request pipeline; add steps by name (logging, metrics). */
  get pipeline(): OssClient["pipeline"] {
    return this.core.pipeline;
  }

  /** Any OSS API oss-kit does not model yet, signed, retried and checked like the rest. */
  invoke(...args: Parameters<OssClient["invoke"]>): ReturnType<OssClient["invoke"]> {
    return this.core.invoke(...args);
  }

  /** Closes pooled connections. */
  close(): Promise<void> {
    return this.core.close();
  }
}

for (const [name, operation] of Object.entries(clientOperations)) {
  Object.defineProperty(Client.prototype, name, {
    value: function (this: Client, ...args: unknown[]) {
      return (operation as (client: OssClient, ...rest: unknown[]) => unknown)(this.core, ...args);
    },
    writable: true,
    configurable: true,
  });
}
