/**
 * The oss-kit client core: OSS operations with typed inputs and results, run through a small
 * named pipeline (retry → sign → check → send) with endpoints, clock-skew correction, typed
 * errors and CRC-64 checks.
 *
 * @packageDocumentation
 */

export * from "./bucket";
export { CRC64_HEADER } from "./checksum";
export { type ClientConfig, OssClient } from "./client";
export { Clock } from "./clock";
export {
  type EndpointOptions,
  type ResolvedEndpoint,
  requestLocation,
  resolveEndpoint,
} from "./endpoint";
export { type Logger, type LogLevel, redactHeaders, redactUrl } from "./logger";
export { contentMd5 } from "./md5";
export * from "./multipart";
export * from "./objects";
export {
  type CallOptions,
  type HttpSpec,
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  type ParseContext,
  resultBase,
} from "./operation";
export {
  deleteObject,
  getObject,
  headObject,
  listObjectsV2,
  objectExists,
  paginateListObjectsV2,
  putObject,
} from "./operations";
export {
  type ByteRange,
  type Conditions,
  DeleteObject,
  type DeleteObjectInput,
  type DeleteObjectOutput,
  GetObject,
  type GetObjectInput,
  type GetObjectOutput,
  HeadObject,
  type HeadObjectInput,
  type ObjectBody,
  type ObjectInfo,
} from "./operations/get-object";
export {
  ListObjectsV2,
  type ListObjectsV2Input,
  type ListObjectsV2Output,
  type ObjectSummary,
} from "./operations/list-objects-v2";
export {
  type BodyInput,
  OBJECT_ACLS,
  type ObjectWriteOptions,
  PutObject,
  type PutObjectInput,
  type PutObjectOutput,
  STORAGE_CLASSES,
  type UploadCallback,
} from "./operations/put-object";
export { paginate } from "./paginate";
export {
  Pipeline,
  type PipelineRequest,
  type RequestContext,
  type Step,
  type StepPosition,
} from "./pipeline";
export * from "./processing";
export {
  isRetryable,
  type RetryPolicy,
  type StandardRetryOptions,
  standardRetryPolicy,
} from "./retry";
export { type FailedResponse, toServiceError } from "./service-error";
