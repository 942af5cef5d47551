/**
 * Typed errors shared by every oss-kit package.
 *
 * @packageDocumentation
 */

export {
  AbortError,
  ChecksumMismatchError,
  type ChecksumMismatchErrorOptions,
  CredentialsError,
  ErrorCode,
  PresignExpirationError,
  RequestError,
  ServiceError,
  type ServiceErrorOptions,
  TimeoutError,
  type TimeoutKind,
  ValidationError,
  type ValidationErrorOptions,
} from "./errors";
export { OssError, type OssErrorOptions } from "./oss-error";
