import {
  type AsyncProcessObjectInput,
  type AsyncProcessObjectOutput,
  asyncProcessObject,
  type CallOptions,
  type ClientConfig,
  type DeleteObjectInput,
  type DeleteObjectOutput,
  deleteObject,
  type GetObjectInput,
  type GetObjectOutput,
  getObject,
  type HeadObjectInput,
  type HttpSpec,
  headObject,
  type ListObjectsV2Input,
  type ListObjectsV2Output,
  listObjectsV2,
  type ObjectInfo,
  type ObjectUrlInput,
  OssClient,
  objectExists,
  objectUrl,
  type PresignedUrl,
  type PresignOptions,
  type ProcessObjectInput,
  type ProcessObjectOutput,
  type PutObjectInput,
  type PutObjectOutput,
  paginateListObjectsV2,
  presignGetObject,
  presignHeadObject,
  presignPutObject,
  processObject,
  putObject,
} from "@oss-kit/core";
import type { TransportResponse } from "@oss-kit/transport";

/**
 * The OSS client with a method for every operation. It is a thin layer over `OssClient` and the
 * operation functions of `@oss-kit/core`: for the smallest browser bundles, import those
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
 * ```
 */
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

  /** Uploads an object in one request (≤ 5 GB), CRC-64 checked. */
  putObject(input: PutObjectInput, options?: CallOptions): Promise<PutObjectOutput> {
    return putObject(this.core, input, options);
  }

  /** Reads an object, whole or a range, optionally processed (`process`). */
  getObject(input: GetObjectInput, options?: CallOptions): Promise<GetObjectOutput> {
    return getObject(this.core, input, options);
  }

  /** An object's metadata. */
  headObject(input: HeadObjectInput, options?: CallOptions): Promise<ObjectInfo> {
    return headObject(this.core, input, options);
  }

  /** Whether an object exists. */
  objectExists(input: HeadObjectInput, options?: CallOptions): Promise<boolean> {
    return objectExists(this.core, input, options);
  }

  /** Deletes an object. */
  deleteObject(input: DeleteObjectInput, options?: CallOptions): Promise<DeleteObjectOutput> {
    return deleteObject(this.core, input, options);
  }

  /** One page of a bucket's objects. */
  listObjectsV2(input: ListObjectsV2Input, options?: CallOptions): Promise<ListObjectsV2Output> {
    return listObjectsV2(this.core, input, options);
  }

  /** Every page of a bucket's objects. */
  paginateListObjectsV2(
    input: Omit<ListObjectsV2Input, "continuationToken">,
    options?: CallOptions,
  ): AsyncGenerator<ListObjectsV2Output, void, undefined> {
    return paginateListObjectsV2(this.core, input, options);
  }

  /** Processes an object and saves the result as another object (`sys/saveas`). */
  processObject(input: ProcessObjectInput, options?: CallOptions): Promise<ProcessObjectOutput> {
    return processObject(this.core, input, options);
  }

  /** Starts an asynchronous processing task (e.g. docx → png with save-as and notify). */
  asyncProcessObject(
    input: AsyncProcessObjectInput,
    options?: CallOptions,
  ): Promise<AsyncProcessObjectOutput> {
    return asyncProcessObject(this.core, input, options);
  }

  /** A presigned GET URL (optionally with a processing instruction). */
  presignGetObject(input: GetObjectInput, options?: PresignOptions): Promise<PresignedUrl> {
    return presignGetObject(this.core, input, options);
  }

  /** A presigned HEAD URL. */
  presignHeadObject(input: HeadObjectInput, options?: PresignOptions): Promise<PresignedUrl> {
    return presignHeadObject(this.core, input, options);
  }

  /** A presigned PUT URL; send its `signedHeaders` with the upload. */
  presignPutObject(
    input: Omit<PutObjectInput, "body" | "callback">,
    options?: PresignOptions,
  ): Promise<PresignedUrl> {
    return presignPutObject(this.core, input, options);
  }

  /** The unsigned URL of a public-read object, optionally processed. */
  objectUrl(input: ObjectUrlInput): string {
    return objectUrl(this.core, input);
  }

  /** Any OSS API oss-kit does not model yet, signed, retried and checked like the rest. */
  invoke(operation: string, spec: HttpSpec, options?: CallOptions): Promise<TransportResponse> {
    return this.core.invoke(operation, spec, options);
  }

  /** Closes pooled connections. */
  close(): Promise<void> {
    return this.core.close();
  }
}
