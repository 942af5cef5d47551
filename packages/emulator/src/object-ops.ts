import { combineCrc64, crc64 } from "@oss-kit/crc64";
import { OWNER } from "./bucket-ops";
import {
  checkAccess,
  checkContentMd5,
  encoder,
  forbidsOverwrite,
  type OpContext,
  objectSettings,
  parseObjectAcl,
  readBody,
  requireBucket,
  requireKey,
  urlEncoding,
} from "./context";
import { faults } from "./errors";
import { reply, replyXml } from "./response";
import type { ObjectMeta, ObjectRecord } from "./store";
import { base64, crcText, digestingStream, hex, httpDate, isoDate, md5 } from "./util";
import { children, parseXml, text } from "./xml";

/** Builds a Normal object record from bytes and settings. */
export function normalObject(
  key: string,
  data: Uint8Array,
  settings: Pick<ObjectMeta, "storageClass" | "headers" | "meta" | "tags" | "acl">,
): ObjectRecord {
  const digest = md5(data);
  return {
    key,
    data,
    size: data.length,
    etag: `"${hex(digest)}"`,
    crc64: crc64(data),
    contentMd5: base64(digest),
    lastModified: new Date(),
    type: "Normal",
    ...settings,
  };
}

/** The headers GetObject and HeadObject send for an object. */
export function objectHeaders(object: ObjectMeta): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {
    ...object.headers,
    etag: object.etag,
    "last-modified": httpDate(object.lastModified),
    "x-oss-object-type": object.type,
    "x-oss-storage-class": object.storageClass,
    "x-oss-hash-crc64ecma": crcText(object.crc64),
    "content-md5": object.contentMd5,
    "accept-ranges": "bytes",
    "x-oss-next-append-position": object.type === "Appendable" ? String(object.size) : undefined,
    "x-oss-tagging-count":
      Object.keys(object.tags).length > 0 ? String(Object.keys(object.tags).length) : undefined,
  };
  for (const [name, value] of Object.entries(object.meta)) headers[`x-oss-meta-${name}`] = value;
  return headers;
}

async function requireObject(ctx: OpContext, bucket: string, key: string): Promise<ObjectMeta> {
  const object = await ctx.store.headObject(bucket, key);
  if (!object) throw faults.noSuchKey(key);
  return object;
}

/** Follows a symlink to its target (which must exist and not be a symlink). */
async function resolveTarget(
  ctx: OpContext,
  bucket: string,
  object: ObjectMeta,
): Promise<ObjectMeta> {
  if (object.type !== "Symlink") return object;
  const target = await ctx.store.headObject(bucket, object.symlinkTarget as string);
  if (!target) throw faults.noSuchKey(object.key);
  if (target.type === "Symlink") throw faults.invalidTargetType();
  return target;
}

/** PutObject. */
export async function putObject(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const settings = objectSettings(ctx);
  const forbid = forbidsOverwrite(ctx);
  if (forbid && (await ctx.store.headObject(bucket.name, key))) throw faults.fileAlreadyExists();
  let object: ObjectMeta;
  if (ctx.store.putObjectStream) {
    const body = digestingStream(ctx.req.request.body);
    let stored: ObjectMeta | undefined;
    await ctx.store.putObjectStream(bucket.name, key, body.stream, async () => {
      const digest = body.digest();
      checkContentMd5(ctx, digest.md5);
      if (forbid && (await ctx.store.headObject(bucket.name, key))) {
        throw faults.fileAlreadyExists();
      }
      stored = {
        key,
        size: digest.size,
        etag: `"${hex(digest.md5)}"`,
        crc64: digest.crc64,
        contentMd5: base64(digest.md5),
        lastModified: new Date(),
        type: "Normal",
        ...settings,
      };
      return stored;
    });
    object = stored as ObjectMeta;
  } else {
    const data = await readBody(ctx);
    object = normalObject(key, data, settings);
    await ctx.store.putObject(bucket.name, object as ObjectRecord);
  }
  return reply(ctx.res, 200, {
    etag: object.etag,
    "content-md5": object.contentMd5,
    "x-oss-hash-crc64ecma": crcText(object.crc64),
  });
}

function etagMatches(header: string, etag: string): boolean {
  const bare = etag.replace(/"/g, "");
  return header
    .split(",")
    .map((value) => value.trim().replace(/^W\//, "").replace(/"/g, ""))
    .some((value) => value === "*" || value === bare);
}

/** Checks `If-Match` / `If-Unmodified-Since` (412) and `If-None-Match` / `If-Modified-Since` (304). */
function preconditions(
  headers: Record<string, string>,
  object: ObjectMeta,
  prefix = "",
): "ok" | "not-modified" {
  const modified = Math.floor(object.lastModified.getTime() / 1000) * 1000;
  const ifMatch = headers[`${prefix}if-match`];
  if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) {
    throw faults.preconditionFailed(`${prefix}If-Match`);
  }
  const ifUnmodified = headers[`${prefix}if-unmodified-since`];
  if (ifUnmodified !== undefined && ifMatch === undefined) {
    const time = Date.parse(ifUnmodified);
    if (!Number.isNaN(time) && modified > time) {
      throw faults.preconditionFailed(`${prefix}If-Unmodified-Since`);
    }
  }
  const ifNoneMatch = headers[`${prefix}if-none-match`];
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, object.etag)) {
    if (prefix) throw faults.preconditionFailed(`${prefix}If-None-Match`);
    return "not-modified";
  }
  const ifModified = headers[`${prefix}if-modified-since`];
  if (ifModified !== undefined && ifNoneMatch === undefined) {
    const time = Date.parse(ifModified);
    if (!Number.isNaN(time) && modified <= time) {
      if (prefix) throw faults.preconditionFailed(`${prefix}If-Modified-Since`);
      return "not-modified";
    }
  }
  return "ok";
}

/** Parses `bytes=a-b`, `bytes=a-`, `bytes=-n` against a size; `undefined` when invalid. */
export function parseRange(
  header: string,
  size: number,
): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const length = Number(last);
    if (length === 0 || size === 0) return undefined;
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || start > end) return undefined;
  return { start, end };
}

const RESPONSE_OVERRIDES: Record<string, string> = {
  "response-content-type": "content-type",
  "response-content-language": "content-language",
  "response-expires": "expires",
  "response-cache-control": "cache-control",
  "response-content-disposition": "content-disposition",
  "response-content-encoding": "content-encoding",
};

async function readObject(ctx: OpContext, head: boolean): Promise<Response> {
  const bucket = await requireBucket(ctx);
  const key = requireKey(ctx);
  const found = await ctx.store.headObject(bucket.name, key);
  checkAccess(ctx, bucket, false, found?.acl);
  if (!found) throw faults.noSuchKey(key);
  const meta = await resolveTarget(ctx, bucket.name, found);
  const headers = objectHeaders(meta);
  if (found.type === "Symlink") {
    headers["x-oss-object-type"] = "Symlink";
  }
  if (preconditions(ctx.req.headers, meta) === "not-modified") {
    return reply(ctx.res, 304, {
      etag: meta.etag,
      "last-modified": headers["last-modified"],
    });
  }
  for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = ctx.req.query[param];
    if (value !== undefined) headers[header] = value;
  }
  const rangeHeader = ctx.req.headers.range;
  let range: { start: number; end: number } | undefined;
  if (rangeHeader !== undefined) {
    range = parseRange(rangeHeader, meta.size);
    const standard = ctx.req.headers["x-oss-range-behavior"]?.toLowerCase() === "standard";
    if (!range && standard) throw faults.invalidRange();
  }
  if (head) {
    return reply(ctx.res, 200, { ...headers, "content-length": String(meta.size) });
  }
  const length = range ? range.end - range.start + 1 : meta.size;
  const rangeHeaders = range
    ? { "content-range": `bytes ${range.start}-${range.end}/${meta.size}` }
    : {};
  const status = range ? 206 : 200;
  const all = { ...headers, ...rangeHeaders, "content-length": String(length) };
  if (ctx.store.openObject && length > 0) {
    const stream = await ctx.store.openObject(bucket.name, meta.key, range);
    if (!stream) throw faults.noSuchKey(key);
    return reply(ctx.res, status, all, stream);
  }
  const object = await ctx.store.getObject(bucket.name, meta.key);
  if (!object) throw faults.noSuchKey(key);
  const bytes = range ? object.data.subarray(range.start, range.end + 1) : object.data;
  return reply(ctx.res, status, all, bytes as Uint8Array<ArrayBuffer>);
}

/** GetObject: ranges, conditions, `response-*` overrides, symlinks followed. */
export function getObject(ctx: OpContext): Promise<Response> {
  return readObject(ctx, false);
}

/** HeadObject: GetObject's headers without a body (errors in `x-oss-err`). */
export function headObject(ctx: OpContext): Promise<Response> {
  return readObject(ctx, true);
}

/** GetObjectMeta (`HEAD ?objectMeta`). */
export async function getObjectMeta(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  const key = requireKey(ctx);
  const found = await ctx.store.headObject(bucket.name, key);
  checkAccess(ctx, bucket, false, found?.acl);
  if (!found) throw faults.noSuchKey(key);
  return reply(ctx.res, 200, {
    etag: found.etag,
    "content-length": String(found.size),
    "last-modified": httpDate(found.lastModified),
    "x-oss-hash-crc64ecma": crcText(found.crc64),
  });
}

/** DeleteObject: 204 whether or not the key existed. */
export async function deleteObject(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  await ctx.store.deleteObject(bucket.name, key);
  return reply(ctx.res, 204);
}

/** DeleteMultipleObjects (`POST /?delete`), with `Quiet` and `encoding-type=url`. */
export async function deleteMultipleObjects(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const encode = urlEncoding(ctx);
  const body = await readBody(ctx);
  const root = parseXml(new TextDecoder().decode(body), "Delete", "0016-00000608");
  const quiet = text(root, "Quiet")?.trim().toLowerCase() === "true";
  const objects = children(root, "Object");
  if (objects.length === 0) throw faults.malformedXml("0016-00000615");
  if (objects.length > 1000) throw faults.malformedXml("0016-00000609");
  const deleted: { Key: string }[] = [];
  const enc = encoder(encode);
  for (const object of objects) {
    let key = text(object, "Key");
    if (key === undefined) throw faults.malformedXml("0016-00000613");
    if (encode) key = decodeURIComponent(key);
    await ctx.store.deleteObject(bucket.name, key);
    deleted.push({ Key: enc(key) });
  }
  return replyXml(ctx.res, {
    DeleteResult: {
      EncodingType: encode ? "url" : undefined,
      Deleted: quiet ? undefined : deleted,
    },
  });
}

/** Parses `x-oss-copy-source: /bucket/key` (percent-encoded, optional `?versionId=`). */
export function parseCopySource(value: string): { bucket: string; key: string } {
  let source = value.startsWith("/") ? value.slice(1) : value;
  const q = source.indexOf("?");
  if (q !== -1) source = source.slice(0, q);
  const slash = source.indexOf("/");
  if (slash <= 0 || slash === source.length - 1) {
    throw faults.invalidArgument(
      "Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.",
      "0017-00000801",
      "x-oss-copy-source",
      value,
    );
  }
  try {
    return {
      bucket: decodeURIComponent(source.slice(0, slash)),
      key: decodeURIComponent(source.slice(slash + 1)),
    };
  } catch {
    throw faults.invalidArgument(
      "Copy Source is not valid.",
      "0017-00000801",
      "x-oss-copy-source",
      value,
    );
  }
}

/** Reads the source object of a copy, checking its bucket, key and `x-oss-copy-source-if-*`. */
export async function copySource(ctx: OpContext): Promise<ObjectRecord> {
  const source = parseCopySource(ctx.req.headers["x-oss-copy-source"] as string);
  const sourceBucket = await ctx.store.getBucket(source.bucket);
  if (!sourceBucket) throw faults.noSuchBucket(source.bucket);
  const found = await ctx.store.headObject(source.bucket, source.key);
  checkAccess(ctx, sourceBucket, false, found?.acl);
  if (!found) throw faults.noSuchKey(source.key);
  const meta = await resolveTarget(ctx, source.bucket, found);
  preconditions(ctx.req.headers, meta, "x-oss-copy-source-");
  const object = await ctx.store.getObject(source.bucket, meta.key);
  if (!object) throw faults.noSuchKey(source.key);
  return object;
}

/** CopyObject (PUT with `x-oss-copy-source`), with metadata and tagging directives. */
export async function copyObject(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const source = await copySource(ctx);
  if (forbidsOverwrite(ctx) && (await ctx.store.headObject(bucket.name, key))) {
    throw faults.fileAlreadyExists();
  }
  const replace = ctx.req.headers["x-oss-metadata-directive"]?.toUpperCase() === "REPLACE";
  const replaceTags = ctx.req.headers["x-oss-tagging-directive"]?.toUpperCase() === "REPLACE";
  const given = objectSettings(ctx);
  const object: ObjectRecord = {
    ...source,
    key,
    lastModified: new Date(),
    headers: replace ? given.headers : source.headers,
    meta: replace ? given.meta : source.meta,
    tags: replaceTags ? given.tags : source.tags,
    acl: ctx.req.headers["x-oss-object-acl"] !== undefined ? given.acl : "default",
    storageClass: ctx.req.headers["x-oss-storage-class"] ?? source.storageClass,
  };
  await ctx.store.putObject(bucket.name, object);
  return replyXml(
    ctx.res,
    { CopyObjectResult: { ETag: object.etag, LastModified: isoDate(object.lastModified) } },
    { etag: object.etag, "x-oss-hash-crc64ecma": crcText(object.crc64) },
  );
}

/** AppendObject (`POST ?append&position=N`). */
export async function appendObject(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const positionText = ctx.req.query.position;
  if (positionText === undefined || positionText === "")
    throw faults.missingArgument("0016-00000501");
  if (!/^\d+$/.test(positionText)) throw faults.missingArgument("0016-00000502");
  const position = Number(positionText);
  const existing = await ctx.store.getObject(bucket.name, key);
  if (existing && existing.type !== "Appendable") throw faults.objectNotAppendable();
  const length = existing?.size ?? 0;
  if (position !== length) throw faults.positionNotEqualToLength(length);
  const data = await readBody(ctx);
  const previous = existing?.data ?? new Uint8Array(0);
  const whole = new Uint8Array(previous.length + data.length);
  whole.set(previous, 0);
  whole.set(data, previous.length);
  const crc = existing ? combineCrc64(existing.crc64, crc64(data), data.length) : crc64(data);
  const settings = existing ?? objectSettings(ctx);
  const object: ObjectRecord = {
    key,
    data: whole,
    size: whole.length,
    etag: `"${hex(md5(whole))}"`,
    crc64: crc,
    lastModified: new Date(),
    type: "Appendable",
    storageClass: settings.storageClass,
    headers: settings.headers,
    meta: settings.meta,
    tags: settings.tags,
    acl: settings.acl,
  };
  await ctx.store.putObject(bucket.name, object);
  return reply(ctx.res, 200, {
    etag: object.etag,
    "x-oss-next-append-position": String(whole.length),
    "x-oss-hash-crc64ecma": crcText(crc),
  });
}

/** PutObjectAcl (`x-oss-object-acl`). */
export async function putObjectAcl(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const object = await requireObject(ctx, bucket.name, key);
  const acl = parseObjectAcl(ctx.req.headers["x-oss-object-acl"]);
  await ctx.store.updateObjectMeta(bucket.name, { ...object, acl });
  return reply(ctx.res, 200);
}

/** GetObjectAcl. */
export async function getObjectAcl(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, false);
  const object = await requireObject(ctx, bucket.name, requireKey(ctx));
  return replyXml(ctx.res, {
    AccessControlPolicy: { Owner: OWNER, AccessControlList: { Grant: object.acl } },
  });
}

/** PutObjectTagging: replaces the whole tag set. */
export async function putObjectTagging(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const object = await requireObject(ctx, bucket.name, requireKey(ctx));
  const body = await readBody(ctx);
  const root = parseXml(new TextDecoder().decode(body), "Tagging");
  const tags: Record<string, string> = {};
  for (const tag of children(root.TagSet, "Tag")) {
    const name = text(tag, "Key") ?? "";
    tags[name] = text(tag, "Value") ?? "";
  }
  if (Object.keys(tags).length > 10) {
    throw faults.invalidArgument("Object tags cannot be greater than 10", "0010-00000214");
  }
  await ctx.store.updateObjectMeta(bucket.name, { ...object, tags });
  return reply(ctx.res, 200);
}

/** GetObjectTagging. */
export async function getObjectTagging(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, false);
  const object = await requireObject(ctx, bucket.name, requireKey(ctx));
  const tags = Object.entries(object.tags).map(([Key, Value]) => ({ Key, Value }));
  return replyXml(ctx.res, { Tagging: { TagSet: tags.length > 0 ? { Tag: tags } : "" } });
}

/** DeleteObjectTagging: 204. */
export async function deleteObjectTagging(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const object = await requireObject(ctx, bucket.name, requireKey(ctx));
  await ctx.store.updateObjectMeta(bucket.name, { ...object, tags: {} });
  return reply(ctx.res, 204);
}

function decodeTarget(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** PutSymlink (`x-oss-symlink-target`, percent-decoded). */
export async function putSymlink(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const targetHeader = ctx.req.headers["x-oss-symlink-target"];
  if (!targetHeader) {
    throw faults.invalidArgument(
      "x-oss-symlink-target is missing",
      "0017-00000101",
      "x-oss-symlink-target",
      "",
    );
  }
  if (forbidsOverwrite(ctx) && (await ctx.store.headObject(bucket.name, key))) {
    throw faults.fileAlreadyExists();
  }
  const target = decodeTarget(targetHeader);
  const settings = objectSettings(ctx);
  const data = new Uint8Array(0);
  const object: ObjectRecord = {
    key,
    data,
    size: 0,
    etag: `"${hex(md5(new TextEncoder().encode(target)))}"`,
    crc64: 0n,
    lastModified: new Date(),
    type: "Symlink",
    symlinkTarget: target,
    ...settings,
  };
  await ctx.store.putObject(bucket.name, object);
  return reply(ctx.res, 200);
}

/** GetSymlink: the target in `x-oss-symlink-target` (percent-encoded), no body. */
export async function getSymlink(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, false);
  const key = requireKey(ctx);
  const object = await ctx.store.headObject(bucket.name, key);
  if (object?.type !== "Symlink") throw faults.noSuchKey(key);
  const headers: Record<string, string> = {
    "x-oss-symlink-target": encodeURIComponent(object.symlinkTarget as string),
    etag: object.etag,
    "last-modified": httpDate(object.lastModified),
  };
  for (const [name, value] of Object.entries(object.meta)) headers[`x-oss-meta-${name}`] = value;
  return reply(ctx.res, 200, headers);
}
