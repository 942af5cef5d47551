/**
 * OSS request signing: Signature V4 (default) and V1, in headers and presigned URLs, with
 * credential providers. Runs unchanged in Node, Bun, Deno, browsers and workers.
 *
 * @packageDocumentation
 */

export * from "./credentials/index";
export {
  defaultCrypto,
  type NodeCryptoModule,
  nodeCrypto,
  type SignerCrypto,
  webCrypto,
} from "./crypto";
export { canonicalPath, encodePath, encodeRfc3986 } from "./encoding";
export { DEFAULT_PRESIGN_SECONDS } from "./lifetime";
export { createSigner, type SignatureVersion, type Signer, SignerV1, SignerV4 } from "./signer";
export { formatHttpDate, formatIsoBasic } from "./time";
export type {
  HeaderMap,
  PresignedRequest,
  PresignLifetime,
  QueryParams,
  SignableRequest,
  SignedRequest,
  SignerConfig,
  SignOptions,
  V1SignOptions,
  V4SignOptions,
} from "./types";
export { V1_SUB_RESOURCES } from "./v1";
export { canonicalQuery, V4_ALGORITHM, V4_MAX_EXPIRES_SECONDS } from "./v4";
export { validateBucket, validateKey, validateRegion } from "./validate";
