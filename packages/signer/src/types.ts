import type { Credentials, CredentialsProvider } from "./credentials/index";
import type { SignerCrypto } from "./crypto";

/**
 * Query parameters, DECODED. An empty string, `null` or `undefined` value is a valueless
 * parameter (`?acl`), signed as the bare name.
 */
export type QueryParams = Readonly<Record<string, string | null | undefined>>;

/** Request headers, any letter case. Names are matched case-insensitively. */
export type HeaderMap = Readonly<Record<string, string>>;

/** The parts of an OSS request that enter a signature. */
export interface SignableRequest {
  /** HTTP method, e.g. `"PUT"`. */
  method: string;
  /** The bucket, or nothing for service-level calls such as ListBuckets. */
  bucket?: string | undefined;
  /** The object key, raw (not encoded), or nothing for bucket-level calls. */
  key?: string | undefined;
  /** Query parameters, decoded. */
  query?: QueryParams | undefined;
  /** Request headers. */
  headers?: HeaderMap | undefined;
}

/** Options common to every signing call. */
export interface SignOptions {
  /**
   * What to sign with: a credentials snapshot, or a provider asked once per call (e.g.
   * `environmentCredentials()` or a refreshing STS provider).
   */
  credentials: Credentials | CredentialsProvider;
  /** The signing time; default now. Always treated as an instant (formatted in UTC). */
  time?: Date | undefined;
}

/** Options of V4 signing calls. */
export interface V4SignOptions extends SignOptions {
  /** The bare region id, e.g. `"cn-hangzhou"` (for CloudBox: the CloudBox id). */
  region: string;
  /** `"oss"` (default) or `"oss-cloudbox"`. */
  product?: string | undefined;
  /**
   * Further request headers to sign (V4 only), e.g. `["host"]`. Names are lowercased; default
   * signed names (`content-type`, `content-md5`, `x-oss-*`) and names absent from the request or
   * with empty values are dropped.
   */
  additionalHeaders?: readonly string[] | undefined;
}

/** Options of V1 signing calls. */
export interface V1SignOptions extends SignOptions {
  /**
   * Query parameter names the operation treats as sub-resources, beyond the standard list
   * (e.g. `["comp"]`); they are signed when present.
   */
  subResources?: readonly string[] | undefined;
}

/** Lifetime of a presigned URL: give one of the two, or neither for the default 15 minutes. */
export interface PresignLifetime {
  /** Seconds from the signing time until the URL expires. V4 allows at most 604800 (7 days). */
  expiresIn?: number | undefined;
  /** The absolute expiry time. */
  expiration?: Date | undefined;
  /**
   * Where the URL points: `scheme://host[:port]`, e.g.
   * `"https://bucket.oss-cn-hangzhou.aliyuncs.com"`. With it, the result carries a full `url`.
   */
  origin?: string | undefined;
  /** Put the bucket in the path (`/bucket/key`) instead of the host; default `false`. */
  pathStyle?: boolean | undefined;
}

/** What header signing produced. */
export interface SignedRequest {
  /** The request's headers with the signing headers set: send exactly these. */
  headers: Record<string, string>;
  /** The `Authorization` header value. */
  authorization: string;
  /** The string that was signed, for diagnosing `SignatureDoesNotMatch`. */
  stringToSign: string;
  /** V4: the canonical request that was hashed. */
  canonicalRequest?: string;
}

/** What presigning produced. */
export interface PresignedRequest {
  /** The full URL, when an `origin` was given. */
  url?: string;
  /** The encoded path: `/key` (or `/bucket/key` in path style). */
  path: string;
  /** Every query parameter of the URL, decoded, including the signature ones. */
  query: Record<string, string>;
  /** The encoded query string, without `?`. */
  queryString: string;
  /** Headers that were signed and that whoever uses the URL must send, exactly. */
  signedHeaders: Record<string, string>;
  /** When the URL stops working. */
  expiration: Date;
  /** The string that was signed. */
  stringToSign: string;
  /** V4: the canonical request that was hashed. */
  canonicalRequest?: string;
}

/** Options of a {@link Signer}. */
export interface SignerConfig {
  /** The crypto backend; default the fastest this runtime offers. */
  crypto?: SignerCrypto | undefined;
  /**
   * `"strict"` (default): bucket names must follow OSS's rules (3–63 characters of `a-z 0-9 -`).
   * `"lenient"`: any non-empty name without `/`, whitespace or control characters, for
   * OSS-compatible services with other naming rules. Keys, regions and headers are always checked.
   */
  bucketNames?: "strict" | "lenient" | undefined;
}
