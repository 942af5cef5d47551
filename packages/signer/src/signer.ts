import { ValidationError } from "@oss-kit/errors";
import { defaultCrypto } from "./crypto";
import type {
  PresignedRequest,
  PresignLifetime,
  SignableRequest,
  SignedRequest,
  SignerConfig,
  V1SignOptions,
  V4SignOptions,
} from "./types";
import { presignV1, signV1, type V1Context } from "./v1";
import { presignV4, SigningKeyCache, signV4, type V4Context } from "./v4";

function bucketNaming(config: SignerConfig): boolean {
  if (typeof config !== "object" || config === null) {
    throw new ValidationError({ field: "config", rule: "must be an object" });
  }
  const mode = config.bucketNames ?? "strict";
  if (mode !== "strict" && mode !== "lenient") {
    throw new ValidationError({ field: "bucketNames", rule: 'must be "strict" or "lenient"' });
  }
  return mode === "lenient";
}

/**
 * OSS Signature V4 (`OSS4-HMAC-SHA256`), the default: header signing and presigned URLs.
 * Derived signing keys are cached per (secret, date, region, product), so signing many
 * requests costs two hashes each.
 *
 * @example
 * ```ts
 * import { SignerV4 } from "@oss-kit/signer";
 *
 * const signer = new SignerV4();
 * const { headers } = await signer.sign(
 *   { method: "GET", bucket: "examplebucket", key: "photos/cat.jpg" },
 *   { credentials: { accessKeyId: "LTAI...", accessKeySecret: "..." }, region: "cn-hangzhou" },
 * );
 * // fetch("https://examplebucket.oss-cn-hangzhou.aliyuncs.com/photos/cat.jpg", { headers })
 * ```
 */
export class SignerV4 {
  /** The signature version. */
  readonly version = "v4" as const;
  readonly #ctx: V4Context;

  constructor(config: SignerConfig = {}) {
    this.#ctx = {
      crypto: config.crypto ?? defaultCrypto(),
      keys: new SigningKeyCache(),
      lenientBucket: bucketNaming(config),
    };
  }

  /**
   * Signs a request's headers: sets `x-oss-date`, `Date`, `x-oss-content-sha256`, the security
   * token if any, and `Authorization`, replacing any header of the same name in any case.
   *
   * @throws ValidationError for bad input, naming the field, before anything is signed.
   */
  sign(request: SignableRequest, options: V4SignOptions): Promise<SignedRequest> {
    return signV4(this.#ctx, request, options);
  }

  /**
   * Presigns a request: the signature and its parameters travel in the query string. Headers
   * named in `signedHeaders` must be sent as they are by whoever uses the URL.
   *
   * @throws PresignExpirationError when the URL would live longer than 7 days.
   * @throws ValidationError for other bad input.
   */
  presign(
    request: SignableRequest,
    options: V4SignOptions & PresignLifetime,
  ): Promise<PresignedRequest> {
    return presignV4(this.#ctx, request, options);
  }
}

/**
 * OSS Signature V1 (HMAC-SHA1), for endpoints and tools that still need it.
 *
 * @example
 * ```ts
 * const signer = new SignerV1();
 * const { url } = await signer.presign(
 *   { method: "GET", bucket: "examplebucket", key: "report.pdf" },
 *   { credentials, expiresIn: 3600, origin: "https://examplebucket.oss-cn-hangzhou.aliyuncs.com" },
 * );
 * ```
 */
export class SignerV1 {
  /** The signature version. */
  readonly version = "v1" as const;
  readonly #ctx: V1Context;

  constructor(config: SignerConfig = {}) {
    this.#ctx = { crypto: config.crypto ?? defaultCrypto(), lenientBucket: bucketNaming(config) };
  }

  /** Signs a request's headers: sets `Date`, the security token if any, and `Authorization`. */
  sign(request: SignableRequest, options: V1SignOptions): Promise<SignedRequest> {
    return signV1(this.#ctx, request, options);
  }

  /** Presigns a request with `OSSAccessKeyId`, `Expires` and `Signature` query parameters. */
  presign(
    request: SignableRequest,
    options: V1SignOptions & PresignLifetime,
  ): Promise<PresignedRequest> {
    return presignV1(this.#ctx, request, options);
  }
}

/** Either signer. */
export type Signer = SignerV4 | SignerV1;

/** A signature version. */
export type SignatureVersion = "v4" | "v1";

/** Creates a signer of the given version (default `"v4"`). */
export function createSigner(version: SignatureVersion = "v4", config: SignerConfig = {}): Signer {
  if (version === "v4") return new SignerV4(config);
  if (version === "v1") return new SignerV1(config);
  throw new ValidationError({ field: "version", rule: 'must be "v4" or "v1"' });
}
