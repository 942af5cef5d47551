import type { AccessKey, Requester } from "./auth";
import { faults } from "./errors";
import type { OssRequest } from "./request";
import type { ResponseContext } from "./response";
import type { BucketRecord, EmulatorStore, ObjectAcl, ObjectMeta } from "./store";
import { fromBase64, md5, urlEncode } from "./util";

/** Options of {@link createOssHandlers}. */
export interface OssHandlersOptions {
  /** Where buckets and objects live. */
  store: EmulatorStore;
  /** The keys whose signatures are accepted. */
  accessKeys: readonly AccessKey[];
  /** Region of buckets created without one, and reported by the service; default `cn-hangzhou`. */
  region?: string | undefined;
  /**
   * The emulator's host name: requests to `<bucket>.<host>` are virtual-host style. IP
   * addresses, `localhost`, `*.localhost` and `oss-*.aliyuncs.com` are always served.
   */
  host?: string | undefined;
}

/** Everything an operation handler needs about one request. */
export interface OpContext {
  /** The decoded request. */
  req: OssRequest;
  /** The store. */
  store: EmulatorStore;
  /** The handler options. */
  options: OssHandlersOptions;
  /** Facts for building responses. */
  res: ResponseContext;
  /** Who is asking. */
  requester: Requester;
  /** Default region. */
  region: string;
}

/** The request's bucket, which must exist. */
export async function requireBucket(ctx: OpContext): Promise<BucketRecord> {
  const name = ctx.req.bucket as string;
  const bucket = await ctx.store.getBucket(name);
  if (!bucket) throw faults.noSuchBucket(name);
  return bucket;
}

/**
 * Anonymous requests may read public-read(-write) buckets or objects and write
 * public-read-write ones; signed requests may do anything.
 */
export function checkAccess(
  ctx: OpContext,
  bucket: BucketRecord | undefined,
  write: boolean,
  objectAcl?: ObjectAcl,
): void {
  if (!ctx.requester.anonymous) return;
  const acl = objectAcl && objectAcl !== "default" ? objectAcl : bucket?.acl;
  if (acl === "public-read-write") return;
  if (acl === "public-read" && !write) return;
  throw faults.accessDenied();
}

/** Checks a `Content-MD5` header (if any) against the body's MD5: `InvalidDigest` otherwise. */
export function checkContentMd5(ctx: OpContext, actual: Uint8Array): void {
  const given = ctx.req.headers["content-md5"];
  if (given === undefined) return;
  const digest = fromBase64(given);
  if (digest?.length !== 16) throw faults.invalidDigest("0017-00000502");
  if (!digest.every((byte, i) => byte === actual[i])) throw faults.invalidDigest("0017-00000503");
}

/** The request body, whole, after the `Content-MD5` check. */
export async function readBody(ctx: OpContext): Promise<Uint8Array> {
  const body = new Uint8Array(await ctx.req.request.arrayBuffer());
  if (ctx.req.headers["content-md5"] !== undefined) checkContentMd5(ctx, md5(body));
  return body;
}

/** Whether `encoding-type=url` was asked for; `InvalidArgument` for other values. */
export function urlEncoding(ctx: OpContext): boolean {
  const value = ctx.req.query["encoding-type"];
  if (value === undefined) return false;
  if (value.toLowerCase() !== "url") throw faults.invalidEncoding(value);
  return true;
}

/** Encodes a key-like value when `encoding-type=url` is on. */
export function encoder(encode: boolean): (value: string) => string {
  return encode ? urlEncode : (value) => value;
}

/** The object key of the request, checked against OSS's naming rules. */
export function requireKey(ctx: OpContext): string {
  const key = ctx.req.key;
  if (key === undefined || key === "") {
    throw faults.invalidObjectName("The Object name can not be empty", "0016-00000001");
  }
  if (new TextEncoder().encode(key).length > 1023) {
    throw faults.invalidObjectName(
      "The Length of Object name must be less than 1024",
      "0016-00000002",
    );
  }
  if (key.startsWith("\\")) {
    throw faults.invalidObjectName("The specified object is not valid", "0016-00000005");
  }
  return key;
}

/** Standard object headers stored with an object, taken from a request. */
export const STORED_HEADERS = [
  "content-type",
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-language",
  "expires",
] as const;

/** Object settings given by request headers (PutObject, InitiateMultipartUpload, ...). */
export function objectSettings(
  ctx: OpContext,
): Pick<ObjectMeta, "storageClass" | "headers" | "meta" | "tags" | "acl"> {
  const h = ctx.req.headers;
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = h[name];
    if (value !== undefined) headers[name] = value;
  }
  headers["content-type"] ??= "application/octet-stream";
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) {
    if (name.startsWith("x-oss-meta-")) meta[name.slice("x-oss-meta-".length)] = value;
  }
  return {
    storageClass: h["x-oss-storage-class"] ?? "Standard",
    headers,
    meta,
    tags: parseTagging(h["x-oss-tagging"]),
    acl: parseObjectAcl(h["x-oss-object-acl"]),
  };
}

/** Parses `x-oss-tagging: a=b&c=d`. */
export function parseTagging(value: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  if (!value) return tags;
  for (const [name, tagValue] of new URLSearchParams(value)) tags[name] = tagValue;
  return tags;
}

/** Checks an object ACL header value. */
export function parseObjectAcl(value: string | undefined): ObjectAcl {
  if (value === undefined) return "default";
  if (
    value === "default" ||
    value === "private" ||
    value === "public-read" ||
    value === "public-read-write"
  ) {
    return value;
  }
  throw faults.invalidArgument(
    "no such object access control exists",
    "0017-00000211",
    "x-oss-object-acl",
    value,
  );
}

/** Whether `x-oss-forbid-overwrite: true` was sent. */
export function forbidsOverwrite(ctx: OpContext): boolean {
  return ctx.req.headers["x-oss-forbid-overwrite"]?.toLowerCase() === "true";
}
