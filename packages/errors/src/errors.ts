import { OssError, type OssErrorOptions } from "./oss-error";

/** Stable codes of the errors oss-kit raises on the client side. */
export const ErrorCode = {
  Validation: "ERR_OSS_VALIDATION",
  PresignExpiration: "ERR_OSS_PRESIGN_EXPIRATION",
  Credentials: "ERR_OSS_CREDENTIALS",
  Request: "ERR_OSS_REQUEST",
  Timeout: "ERR_OSS_TIMEOUT",
  Abort: "ERR_OSS_ABORTED",
  ChecksumMismatch: "ERR_OSS_CHECKSUM_MISMATCH",
} as const;

/** Options of a {@link ValidationError}. */
export interface ValidationErrorOptions extends OssErrorOptions {
  /** The input field that broke the rule, as a path: `"key"`, `"headers.content-type"`. */
  field: string;
  /** The rule the input broke, in words: `"must be 1 to 1023 bytes of UTF-8"`. */
  rule: string;
}

/**
 * Input that cannot be sent, caught before any network call. Names the field and the rule.
 *
 * @example
 * ```ts
 * new ValidationError({ field: "bucket", rule: "must be 3 to 63 characters" });
 * // ValidationError: Invalid bucket: must be 3 to 63 characters
 * ```
 */
export class ValidationError extends OssError {
  static override readonly errorName: string = "ValidationError";
  /** The input field that broke the rule. */
  readonly field: string;
  /** The rule the input broke. */
  readonly rule: string;

  constructor(options: ValidationErrorOptions, code: string = ErrorCode.Validation) {
    super(code, `Invalid ${options.field}: ${options.rule}`, options);
    this.field = options.field;
    this.rule = options.rule;
  }
}

/**
 * A V4 presigned URL asked to live longer than OSS allows (7 days, 604800 seconds).
 */
export class PresignExpirationError extends ValidationError {
  static override readonly errorName: string = "PresignExpirationError";
  /** The longest lifetime OSS accepts, in seconds. */
  readonly maxSeconds: number;

  constructor(options: OssErrorOptions & { field: string; maxSeconds: number }) {
    super(
      {
        ...options,
        rule: `a V4 presigned URL may live at most ${options.maxSeconds} seconds (7 days)`,
      },
      ErrorCode.PresignExpiration,
    );
    this.maxSeconds = options.maxSeconds;
  }
}

/**
 * Credentials could not be had: a provider failed and no still-valid credentials were left, or
 * a provider was configured with empty keys. The message never contains a secret.
 */
export class CredentialsError extends OssError {
  static override readonly errorName: string = "CredentialsError";
  constructor(message: string, options: OssErrorOptions = {}) {
    super(ErrorCode.Credentials, message, options);
  }
}

/** Options of a {@link ServiceError}. */
export interface ServiceErrorOptions extends OssErrorOptions {
  /** The HTTP status of the response. */
  statusCode: number;
  /** OSS's error `Code`, e.g. `"NoSuchKey"`. */
  code: string;
  /** OSS's error `Message`. */
  message: string;
  /** The `x-oss-request-id` of the failed request. */
  requestId?: string | undefined;
  /** The `HostId` of the error body. */
  hostId?: string | undefined;
  /** OSS's detailed error code (`EC`, also in `x-oss-ec`). */
  ec?: string | undefined;
  /** The response headers, lowercased names. */
  headers?: Record<string, string> | undefined;
  /** On `SignatureDoesNotMatch`: the string to sign the server computed. */
  stringToSign?: string | undefined;
  /** The error body as the server sent it. */
  body?: string | undefined;
}

/**
 * OSS answered with an error. `code` is the service's own code (`NoSuchKey`,
 * `SignatureDoesNotMatch`, …), so it is stable across SDK versions.
 */
export class ServiceError extends OssError {
  static override readonly errorName: string = "ServiceError";
  readonly statusCode: number;
  readonly requestId: string | undefined;
  readonly hostId: string | undefined;
  readonly ec: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly stringToSign: string | undefined;
  readonly body: string | undefined;

  constructor(options: ServiceErrorOptions) {
    const where = options.operation ? `${options.operation} failed: ` : "";
    super(
      options.code,
      `${where}${options.code} (${options.statusCode}): ${options.message}` +
        (options.requestId ? ` [request id ${options.requestId}]` : ""),
      options,
    );
    this.statusCode = options.statusCode;
    this.requestId = options.requestId;
    this.hostId = options.hostId;
    this.ec = options.ec;
    this.headers = options.headers ?? {};
    this.stringToSign = options.stringToSign;
    this.body = options.body;
  }
}

/** The request got no response: a connection failure, a reset, a DNS error. */
export class RequestError extends OssError {
  static override readonly errorName: string = "RequestError";
  constructor(message: string, options: OssErrorOptions = {}, code: string = ErrorCode.Request) {
    super(code, message, options);
  }
}

/** Which timer ran out. */
export type TimeoutKind = "connect" | "idle" | "total";

/** A timeout ran out before the response was complete. */
export class TimeoutError extends RequestError {
  static override readonly errorName: string = "TimeoutError";
  /** Which timeout: connecting, waiting for the next bytes, or the whole request. */
  readonly timeout: TimeoutKind;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeout: TimeoutKind, timeoutMs: number, options: OssErrorOptions = {}) {
    super(`${timeout} timeout of ${timeoutMs} ms exceeded`, options, ErrorCode.Timeout);
    this.timeout = timeout;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller cancelled the work through its `AbortSignal`. Never retried. */
export class AbortError extends OssError {
  static override readonly errorName: string = "AbortError";
  constructor(message = "The operation was aborted", options: OssErrorOptions = {}) {
    super(ErrorCode.Abort, message, options);
  }
}

/** Options of a {@link ChecksumMismatchError}. */
export interface ChecksumMismatchErrorOptions extends OssErrorOptions {
  /** The checksum algorithm, e.g. `"crc64ecma"`. */
  algorithm: string;
  /** What the client computed. */
  client: string;
  /** What the server reported. */
  server: string;
}

/** The data the client sent or received does not match the server's checksum. */
export class ChecksumMismatchError extends OssError {
  static override readonly errorName: string = "ChecksumMismatchError";
  readonly algorithm: string;
  readonly client: string;
  readonly server: string;

  constructor(options: ChecksumMismatchErrorOptions) {
    super(
      ErrorCode.ChecksumMismatch,
      `${options.operation ? `${options.operation}: ` : ""}${options.algorithm} mismatch, client ${options.client}, server ${options.server}`,
      options,
    );
    this.algorithm = options.algorithm;
    this.client = options.client;
    this.server = options.server;
  }
}
