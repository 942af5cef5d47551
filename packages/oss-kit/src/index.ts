/**
 * oss-kit: the SDK for Alibaba Cloud OSS. `Client` has a method for every operation; the
 * building blocks are re-exported for selective use (`OssClient` + operation functions for the
 * smallest bundles, the signer, the processing language, typed errors, CRC-64, transports).
 *
 * @packageDocumentation
 */
export * from "@oss-kit/core";
export * from "@oss-kit/crc64";
export * from "@oss-kit/errors";
export * from "@oss-kit/process";
export * from "@oss-kit/signer";
export {
  DEFAULT_TIMEOUTS,
  defaultTransport,
  fetchTransport,
  type RequestBody,
  type ResponseBody,
  type Timeouts,
  type TransferProgress,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  toRequestBody,
} from "@oss-kit/transport";
export {
  type BoundOperation,
  CLIENT_METHODS,
  Client,
  type ClientMethods,
  clientOperations,
} from "./client";
