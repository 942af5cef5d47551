import { ValidationError } from "@oss-kit/errors";
import { resolveCredentials } from "./credentials-check";
import type { SignerCrypto } from "./crypto";
import { getHeader, withHeaders } from "./headers";
import { resolveLifetime } from "./lifetime";
import { formatHttpDate } from "./time";
import type {
  PresignedRequest,
  PresignLifetime,
  QueryParams,
  SignableRequest,
  SignedRequest,
  V1SignOptions,
} from "./types";
import { presignedParts } from "./v4";
import { validateRequest, validateTime } from "./validate";

/**
 * Query parameters V1 signs whenever present: the union of the official SDKs' lists and of the
 * sub-resources their operations pass; every parameter whose name starts with `x-oss-` is signed
 * too.
 */
export const V1_SUB_RESOURCES: ReadonlySet<string> = new Set([
  "acl",
  "bucketInfo",
  "location",
  "stat",
  "delete",
  "append",
  "tagging",
  "objectMeta",
  "uploads",
  "uploadId",
  "partNumber",
  "security-token",
  "position",
  "response-content-type",
  "response-content-language",
  "response-expires",
  "response-cache-control",
  "response-content-disposition",
  "response-content-encoding",
  "restore",
  "callback",
  "callback-var",
  "versions",
  "versioning",
  "versionId",
  "sequential",
  "continuation-token",
  "regionList",
  "cloudboxes",
  "symlink",
  "resourceGroup",
  "cleanRestoredObject",
  // Sub-resources the official SDKs pass per operation; OSS signs them whenever present, so
  // they are signed by default and `invoke` needs no list for them.
  "accessPoint",
  "accessPointPolicy",
  "bucketArchiveDirectRead",
  "cname",
  "comp",
  "cors",
  "encryption",
  "httpsConfig",
  "inventory",
  "inventoryId",
  "legalHold",
  "lifecycle",
  "logging",
  "metaQuery",
  "objectWorm",
  "overwriteConfig",
  "policy",
  "policyStatus",
  "publicAccessBlock",
  "redundancyTransition",
  "referer",
  "regions",
  "replication",
  "replicationLocation",
  "replicationProgress",
  "requestPayment",
  "retention",
  "rtc",
  "seal",
  "style",
  "styleName",
  "transferAcceleration",
  "userDefinedLogFieldsConfig",
  "website",
  "worm",
  "wormExtend",
  "wormId",
]);

/** What a V1 signing call needs from its signer. */
export interface V1Context {
  crypto: SignerCrypto;
  lenientBucket: boolean;
}

const AUTH_QUERY_PARAMS = ["OSSAccessKeyId", "Expires", "Signature", "security-token"];

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalizedOssHeaders(headers: Readonly<Record<string, string>>): string {
  const lines: Array<[string, string]> = [];
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower.startsWith("x-oss-")) lines.push([lower, (headers[name] as string).trim()]);
  }
  lines.sort((a, b) => compareAscii(a[0], b[0]));
  let out = "";
  for (const [name, value] of lines) out += `${name}:${value}\n`;
  return out;
}

function canonicalizedResource(
  request: SignableRequest,
  query: QueryParams,
  subResources: readonly string[] | undefined,
): string {
  let resource = "/";
  if (request.bucket !== undefined) resource += `${request.bucket}/`;
  if (request.key !== undefined) resource += request.key;
  const extra = new Set(subResources ?? []);
  const signed = Object.keys(query)
    .filter((name) => V1_SUB_RESOURCES.has(name) || name.startsWith("x-oss-") || extra.has(name))
    .sort(compareAscii);
  if (signed.length === 0) return resource;
  return `${resource}?${signed
    .map((name) => {
      const value = query[name];
      return value === undefined || value === null || value === "" ? name : `${name}=${value}`;
    })
    .join("&")}`;
}

function stringToSignV1(
  method: string,
  headers: Readonly<Record<string, string>>,
  date: string,
  resource: string,
): string {
  return `${method.toUpperCase()}\n${getHeader(headers, "content-md5") ?? ""}\n${getHeader(headers, "content-type") ?? ""}\n${date}\n${canonicalizedOssHeaders(headers)}${resource}`;
}

function checkV1Options(options: V1SignOptions): Date {
  if (typeof options !== "object" || options === null) {
    throw new ValidationError({ field: "options", rule: "must be an object" });
  }
  const time = options.time ?? new Date();
  validateTime(time);
  if (options.subResources !== undefined && !Array.isArray(options.subResources)) {
    throw new ValidationError({ field: "subResources", rule: "must be an array of names" });
  }
  return time;
}

/** Signs a request in V1 header mode (`Authorization: OSS <id>:<signature>`). */
export async function signV1(
  ctx: V1Context,
  request: SignableRequest,
  options: V1SignOptions,
): Promise<SignedRequest> {
  validateRequest(request, ctx.lenientBucket);
  const time = checkV1Options(options);
  const credentials = await resolveCredentials(options.credentials);
  const date = formatHttpDate(time);
  const updates: Record<string, string> = { Date: date };
  if (credentials.securityToken) updates["x-oss-security-token"] = credentials.securityToken;
  const headers = withHeaders(request.headers, updates, ["authorization"]);
  const resource = canonicalizedResource(request, request.query ?? {}, options.subResources);
  const stringToSign = stringToSignV1(request.method, headers, date, resource);
  const signature = await ctx.crypto.hmacSha1Base64(credentials.accessKeySecret, stringToSign);
  const authorization = `OSS ${credentials.accessKeyId}:${signature}`;
  headers.Authorization = authorization;
  return { headers, authorization, stringToSign };
}

/** Presigns a request in V1 query mode (`OSSAccessKeyId`, `Expires`, `Signature`). */
export async function presignV1(
  ctx: V1Context,
  request: SignableRequest,
  options: V1SignOptions & PresignLifetime,
): Promise<PresignedRequest> {
  validateRequest(request, ctx.lenientBucket);
  const time = checkV1Options(options);
  const credentials = await resolveCredentials(options.credentials);
  const { expiration } = resolveLifetime(options, time);
  const expires = String(Math.floor(expiration.getTime() / 1000));

  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (!AUTH_QUERY_PARAMS.includes(name)) query[name] = value ?? "";
  }
  if (credentials.securityToken) query["security-token"] = credentials.securityToken;
  const headers = request.headers ?? {};
  const resource = canonicalizedResource(request, query, options.subResources);
  const stringToSign = stringToSignV1(request.method, headers, expires, resource);
  query.OSSAccessKeyId = credentials.accessKeyId;
  query.Expires = expires;
  query.Signature = await ctx.crypto.hmacSha1Base64(credentials.accessKeySecret, stringToSign);

  const signedHeaders: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === "content-type" || lower === "content-md5" || lower.startsWith("x-oss-")) {
      signedHeaders[name] = headers[name] as string;
    }
  }
  return {
    ...presignedParts(request, query, options),
    query,
    signedHeaders,
    expiration,
    stringToSign,
  };
}
