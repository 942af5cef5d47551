import { PresignExpirationError, ValidationError } from "@oss-kit/errors";
import { resolveCredentials } from "./credentials-check";
import type { SignerCrypto } from "./crypto";
import { canonicalPath, encodeRfc3986 } from "./encoding";
import { withHeaders } from "./headers";
import { resolveLifetime } from "./lifetime";
import { formatHttpDate, formatIsoBasic } from "./time";
import type {
  HeaderMap,
  PresignedRequest,
  PresignLifetime,
  QueryParams,
  SignableRequest,
  SignedRequest,
  V4SignOptions,
} from "./types";
import { validateProduct, validateRegion, validateRequest, validateTime } from "./validate";

/** The V4 algorithm name, as it appears in `Authorization` and presigned URLs. */
export const V4_ALGORITHM = "OSS4-HMAC-SHA256";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** The longest lifetime of a V4 presigned URL: 7 days. */
export const V4_MAX_EXPIRES_SECONDS = 604800;
const AUTH_QUERY_PARAMS = [
  "x-oss-signature-version",
  "x-oss-date",
  "x-oss-expires",
  "x-oss-credential",
  "x-oss-signature",
  "x-oss-security-token",
  "x-oss-additional-headers",
];

/** Caches derived V4 signing keys per (secret, date, region, product). */
export class SigningKeyCache {
  readonly #keys = new Map<string, unknown>();
  readonly #max: number;

  constructor(max = 64) {
    this.#max = max;
  }

  /** The prepared signing key, derived on first use. */
  async get(
    crypto: SignerCrypto,
    secret: string,
    date: string,
    region: string,
    product: string,
  ): Promise<unknown> {
    const id = `${date}\n${region}\n${product}\n${secret}`;
    const cached = this.#keys.get(id);
    if (cached !== undefined) return cached;
    const k1 = await crypto.hmacSha256(crypto.hmacKey(`aliyun_v4${secret}`), date);
    const k2 = await crypto.hmacSha256(crypto.hmacKey(k1), region);
    const k3 = await crypto.hmacSha256(crypto.hmacKey(k2), product);
    const k4 = await crypto.hmacSha256(crypto.hmacKey(k3), "aliyun_v4_request");
    const key = crypto.hmacKey(k4);
    if (this.#keys.size >= this.#max) {
      const oldest = this.#keys.keys().next().value as string;
      this.#keys.delete(oldest);
    }
    this.#keys.set(id, key);
    return key;
  }
}

function isDefaultSigned(lowerName: string): boolean {
  return (
    lowerName === "content-type" || lowerName === "content-md5" || lowerName.startsWith("x-oss-")
  );
}

/** The lowercased, sorted additional header names that survive the rules. */
function additionalNames(
  headers: Record<string, string>,
  additional: readonly string[] | undefined,
): string[] {
  if (!additional || additional.length === 0) return [];
  const present = new Set<string>();
  for (const name of Object.keys(headers)) {
    if (headers[name] !== "") present.add(name.toLowerCase());
  }
  const names = new Set<string>();
  for (const name of additional) {
    if (typeof name !== "string") {
      throw new ValidationError({ field: "additionalHeaders", rule: "must be header names" });
    }
    const lower = name.toLowerCase();
    if (!isDefaultSigned(lower) && present.has(lower)) names.add(lower);
  }
  return [...names].sort();
}

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalHeaders(headers: Record<string, string>, additional: string[]): string {
  const lines: Array<[string, string]> = [];
  const seen = new Map<string, number>();
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (!isDefaultSigned(lower) && !additional.includes(lower)) continue;
    const value = (headers[name] as string).trim();
    const at = seen.get(lower);
    // Two spellings of one header: join the values, as HTTP folds repeated fields.
    if (at !== undefined) (lines[at] as [string, string])[1] += `,${value}`;
    else {
      seen.set(lower, lines.length);
      lines.push([lower, value]);
    }
  }
  lines.sort((a, b) => compareAscii(a[0], b[0]));
  let out = "";
  for (const [name, value] of lines) out += `${name}:${value}\n`;
  return out;
}

/** Encodes query parameters for the wire and the canonical request: sorted, RFC 3986. */
export function canonicalQuery(query: QueryParams | undefined): string {
  if (!query) return "";
  const pairs: Array<[string, string | undefined]> = [];
  for (const name of Object.keys(query)) {
    const value = query[name];
    pairs.push([
      encodeRfc3986(name, "query"),
      value === undefined || value === null || value === ""
        ? undefined
        : encodeRfc3986(value, `query["${name}"]`),
    ]);
  }
  pairs.sort((a, b) => compareAscii(a[0], b[0]));
  let out = "";
  for (const [name, value] of pairs) {
    if (out) out += "&";
    out += value === undefined ? name : `${name}=${value}`;
  }
  return out;
}

/** What a V4 signing call needs from its signer. */
export interface V4Context {
  crypto: SignerCrypto;
  keys: SigningKeyCache;
  lenientBucket: boolean;
}

function checkV4Options(options: V4SignOptions): {
  time: Date;
  region: string;
  product: string;
} {
  if (typeof options !== "object" || options === null) {
    throw new ValidationError({ field: "options", rule: "must be an object" });
  }
  validateRegion(options.region);
  const product = options.product ?? "oss";
  validateProduct(product);
  const time = options.time ?? new Date();
  validateTime(time);
  if (options.additionalHeaders !== undefined && !Array.isArray(options.additionalHeaders)) {
    throw new ValidationError({ field: "additionalHeaders", rule: "must be an array of names" });
  }
  return { time, region: options.region, product };
}

async function signature(
  ctx: V4Context,
  secret: string,
  datetime: string,
  scope: string,
  region: string,
  product: string,
  canonicalRequest: string,
): Promise<{ stringToSign: string; signature: string }> {
  const stringToSign = `${V4_ALGORITHM}\n${datetime}\n${scope}\n${await ctx.crypto.sha256Hex(canonicalRequest)}`;
  const key = await ctx.keys.get(ctx.crypto, secret, datetime.slice(0, 8), region, product);
  return { stringToSign, signature: await ctx.crypto.hmacSha256Hex(key, stringToSign) };
}

/** Signs a request in V4 header mode. */
export async function signV4(
  ctx: V4Context,
  request: SignableRequest,
  options: V4SignOptions,
): Promise<SignedRequest> {
  validateRequest(request, ctx.lenientBucket);
  const { time, region, product } = checkV4Options(options);
  const credentials = await resolveCredentials(options.credentials);
  const datetime = formatIsoBasic(time);
  const updates: Record<string, string> = {
    "x-oss-date": datetime,
    Date: formatHttpDate(time),
    "x-oss-content-sha256": UNSIGNED_PAYLOAD,
  };
  if (credentials.securityToken) updates["x-oss-security-token"] = credentials.securityToken;
  const headers = withHeaders(request.headers, updates, ["authorization"]);

  const additional = additionalNames(headers, options.additionalHeaders);
  const scope = `${datetime.slice(0, 8)}/${region}/${product}/aliyun_v4_request`;
  const canonicalRequest = `${request.method.toUpperCase()}\n${canonicalPath(request.bucket, request.key)}\n${canonicalQuery(request.query)}\n${canonicalHeaders(headers, additional)}\n${additional.join(";")}\n${UNSIGNED_PAYLOAD}`;
  const signed = await signature(
    ctx,
    credentials.accessKeySecret,
    datetime,
    scope,
    region,
    product,
    canonicalRequest,
  );
  const authorization = `${V4_ALGORITHM} Credential=${credentials.accessKeyId}/${scope},${additional.length > 0 ? `AdditionalHeaders=${additional.join(";")},` : ""}Signature=${signed.signature}`;
  headers.Authorization = authorization;
  return { headers, authorization, stringToSign: signed.stringToSign, canonicalRequest };
}

function signedHeadersOf(
  headers: HeaderMap | undefined,
  additional: string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (isDefaultSigned(lower) || additional.includes(lower)) out[name] = headers[name] as string;
  }
  return out;
}

/** Builds the presigned URL's parts from a signed query. */
export function presignedParts(
  request: SignableRequest,
  query: Record<string, string>,
  lifetime: PresignLifetime,
): { path: string; queryString: string; url?: string } {
  const path = lifetime.pathStyle
    ? canonicalPath(request.bucket, request.key)
    : canonicalPath(undefined, request.key);
  const queryString = canonicalQuery(query);
  const parts: { path: string; queryString: string; url?: string } = { path, queryString };
  if (lifetime.origin !== undefined) {
    if (typeof lifetime.origin !== "string" || !/^https?:\/\/[^/?#]+$/.test(lifetime.origin)) {
      throw new ValidationError({
        field: "origin",
        rule: "must be scheme://host[:port] with no path, e.g. https://bucket.oss-cn-hangzhou.aliyuncs.com",
      });
    }
    parts.url = `${lifetime.origin}${path}${queryString ? `?${queryString}` : ""}`;
  }
  return parts;
}

/** Presigns a request in V4 query mode. */
export async function presignV4(
  ctx: V4Context,
  request: SignableRequest,
  options: V4SignOptions & PresignLifetime,
): Promise<PresignedRequest> {
  validateRequest(request, ctx.lenientBucket);
  const { time, region, product } = checkV4Options(options);
  const credentials = await resolveCredentials(options.credentials);
  const { seconds, expiration } = resolveLifetime(options, time);
  if (seconds > V4_MAX_EXPIRES_SECONDS) {
    throw new PresignExpirationError({
      field: options.expiration !== undefined ? "expiration" : "expiresIn",
      maxSeconds: V4_MAX_EXPIRES_SECONDS,
    });
  }
  const datetime = formatIsoBasic(time);
  const scope = `${datetime.slice(0, 8)}/${region}/${product}/aliyun_v4_request`;
  const headers: Record<string, string> = { ...request.headers };
  const additional = additionalNames(headers, options.additionalHeaders);

  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (!AUTH_QUERY_PARAMS.includes(name)) query[name] = value ?? "";
  }
  query["x-oss-signature-version"] = V4_ALGORITHM;
  query["x-oss-date"] = datetime;
  query["x-oss-expires"] = String(seconds);
  query["x-oss-credential"] = `${credentials.accessKeyId}/${scope}`;
  if (credentials.securityToken) query["x-oss-security-token"] = credentials.securityToken;
  if (additional.length > 0) query["x-oss-additional-headers"] = additional.join(";");

  let payloadHash = UNSIGNED_PAYLOAD;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === "x-oss-content-sha256") payloadHash = headers[name] as string;
  }
  const canonicalRequest = `${request.method.toUpperCase()}\n${canonicalPath(request.bucket, request.key)}\n${canonicalQuery(query)}\n${canonicalHeaders(headers, additional)}\n${additional.join(";")}\n${payloadHash}`;
  const signed = await signature(
    ctx,
    credentials.accessKeySecret,
    datetime,
    scope,
    region,
    product,
    canonicalRequest,
  );
  query["x-oss-signature"] = signed.signature;
  return {
    ...presignedParts(request, query, options),
    query,
    signedHeaders: signedHeadersOf(request.headers, additional),
    expiration,
    stringToSign: signed.stringToSign,
    canonicalRequest,
  };
}
