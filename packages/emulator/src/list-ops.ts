import { OWNER } from "./bucket-ops";
import { checkAccess, encoder, type OpContext, requireBucket, urlEncoding } from "./context";
import { faults } from "./errors";
import { replyXml } from "./response";
import type { ObjectMeta } from "./store";
import { base64Text, fromBase64, isoDate } from "./util";

/** One page of a listing: objects and common prefixes after a marker. */
export interface ListPage {
  /** Objects in the page. */
  objects: ObjectMeta[];
  /** Common prefixes in the page. */
  prefixes: string[];
  /** Whether more entries follow. */
  truncated: boolean;
  /** The last key or common prefix of the page. */
  last: string | undefined;
}

/**
 * Pages through sorted objects the way OSS does: keys after `marker` with `prefix`, grouped by
 * `delimiter` into common prefixes, `max` entries (objects plus prefixes) at most.
 */
export function listPage(
  all: readonly ObjectMeta[],
  prefix: string,
  delimiter: string,
  marker: string,
  max: number,
): ListPage {
  const objects: ObjectMeta[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  let count = 0;
  for (const object of all) {
    const key = object.key;
    if (key <= marker || !key.startsWith(prefix)) continue;
    let common: string | undefined;
    if (delimiter !== "") {
      const at = key.indexOf(delimiter, prefix.length);
      if (at !== -1) common = key.slice(0, at + delimiter.length);
    }
    if (common !== undefined) {
      if (common <= marker || common === prefixes[prefixes.length - 1]) continue;
      if (count === max) return { objects, prefixes, truncated: true, last };
      prefixes.push(common);
      last = common;
    } else {
      if (count === max) return { objects, prefixes, truncated: true, last };
      objects.push(object);
      last = key;
    }
    count++;
  }
  return { objects, prefixes, truncated: false, last };
}

function maxKeys(ctx: OpContext): number {
  const text = ctx.req.query["max-keys"];
  if (text === undefined || text === "") return 100;
  const max = Number(text);
  if (!Number.isInteger(max) || max < 0 || max > 1000) {
    throw faults.invalidArgument(
      "Argument max-keys must be an integer between 0 and 1000.",
      "0017-00000202",
      "max-keys",
      text,
    );
  }
  return max;
}

function contents(objects: ObjectMeta[], enc: (value: string) => string, owner: boolean) {
  return objects.map((object) => ({
    Key: enc(object.key),
    LastModified: isoDate(object.lastModified),
    ETag: object.etag,
    Type: object.type,
    Size: object.size,
    StorageClass: object.storageClass,
    Owner: owner ? OWNER : undefined,
  }));
}

/** ListObjects (GetBucket, v1). */
export async function listObjects(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, false);
  const encode = urlEncoding(ctx);
  const enc = encoder(encode);
  const q = ctx.req.query;
  const prefix = q.prefix ?? "";
  const delimiter = q.delimiter ?? "";
  const marker = q.marker ?? "";
  const max = maxKeys(ctx);
  const page = listPage(await ctx.store.listObjects(bucket.name), prefix, delimiter, marker, max);
  return replyXml(ctx.res, {
    ListBucketResult: {
      Name: bucket.name,
      Prefix: enc(prefix),
      Marker: enc(marker),
      MaxKeys: max,
      Delimiter: enc(delimiter),
      IsTruncated: page.truncated,
      NextMarker: page.truncated && page.last !== undefined ? enc(page.last) : undefined,
      EncodingType: encode ? "url" : undefined,
      Contents: contents(page.objects, enc, true),
      CommonPrefixes: page.prefixes.map((value) => ({ Prefix: enc(value) })),
    },
  });
}

/** ListObjectsV2 (`list-type=2`), with continuation tokens, `start-after` and `KeyCount`. */
export async function listObjectsV2(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, false);
  const encode = urlEncoding(ctx);
  const enc = encoder(encode);
  const q = ctx.req.query;
  const prefix = q.prefix ?? "";
  const delimiter = q.delimiter ?? "";
  const startAfter = q["start-after"];
  const token = q["continuation-token"];
  let marker = startAfter ?? "";
  if (token !== undefined) {
    const decoded = fromBase64(token);
    if (!decoded) {
      throw faults.invalidArgument(
        "The continuation token provided is incorrect",
        "0017-00000201",
        "continuation-token",
        token,
      );
    }
    const after = new TextDecoder().decode(decoded);
    if (after > marker) marker = after;
  }
  const max = maxKeys(ctx);
  const page = listPage(await ctx.store.listObjects(bucket.name), prefix, delimiter, marker, max);
  return replyXml(ctx.res, {
    ListBucketResult: {
      Name: bucket.name,
      Prefix: enc(prefix),
      StartAfter: startAfter === undefined ? undefined : enc(startAfter),
      ContinuationToken: token,
      MaxKeys: max,
      Delimiter: enc(delimiter),
      IsTruncated: page.truncated,
      NextContinuationToken:
        page.truncated && page.last !== undefined ? base64Text(page.last) : undefined,
      EncodingType: encode ? "url" : undefined,
      KeyCount: page.objects.length + page.prefixes.length,
      Contents: contents(page.objects, enc, q["fetch-owner"] === "true"),
      CommonPrefixes: page.prefixes.map((value) => ({ Prefix: enc(value) })),
    },
  });
}

/**
 * ListObjectVersions (`GET /?versions`). The emulator keeps one version per key, so every object
 * is listed once, as the latest version with the version id `null`.
 */
export async function listObjectVersions(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, false);
  const encode = urlEncoding(ctx);
  const enc = encoder(encode);
  const q = ctx.req.query;
  const prefix = q.prefix ?? "";
  const delimiter = q.delimiter ?? "";
  const keyMarker = q["key-marker"] ?? "";
  const versionIdMarker = q["version-id-marker"] ?? "";
  if (versionIdMarker !== "" && keyMarker === "") {
    throw faults.invalidArgument(
      "A version-id marker cannot be specified without a key marker.",
      "0012-00000106",
      "version-id-marker",
      versionIdMarker,
    );
  }
  const maxText = q["max-keys"];
  const max = maxText === undefined || maxText === "" ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 999) {
    throw faults.invalidArgument(
      "Argument max-keys must be an integer between 1 and 999.",
      "0012-00000102",
      "max-keys",
      maxText,
    );
  }
  const page = listPage(
    await ctx.store.listObjects(bucket.name),
    prefix,
    delimiter,
    keyMarker,
    max,
  );
  return replyXml(ctx.res, {
    ListVersionsResult: {
      Name: bucket.name,
      Prefix: enc(prefix),
      KeyMarker: enc(keyMarker),
      VersionIdMarker: versionIdMarker,
      MaxKeys: max,
      Delimiter: delimiter === "" ? undefined : enc(delimiter),
      EncodingType: encode ? "url" : undefined,
      IsTruncated: page.truncated,
      NextKeyMarker: page.truncated && page.last !== undefined ? enc(page.last) : undefined,
      NextVersionIdMarker: page.truncated ? "null" : undefined,
      Version: page.objects.map((object) => ({
        Key: enc(object.key),
        VersionId: "null",
        IsLatest: true,
        LastModified: isoDate(object.lastModified),
        ETag: object.etag,
        Type: object.type,
        Size: object.size,
        StorageClass: object.storageClass,
        Owner: OWNER,
      })),
      CommonPrefixes: page.prefixes.map((value) => ({ Prefix: enc(value) })),
    },
  });
}
