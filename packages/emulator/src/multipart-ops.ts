import { combineCrc64, crc64 } from "@oss-kit/crc64";
import {
  checkAccess,
  checkContentMd5,
  encoder,
  forbidsOverwrite,
  type OpContext,
  objectSettings,
  readBody,
  requireBucket,
  requireKey,
  urlEncoding,
} from "./context";
import { faults } from "./errors";
import { copySource, parseRange } from "./object-ops";
import { reply, replyXml } from "./response";
import type { BucketRecord, ObjectMeta, PartRecord, UploadRecord } from "./store";
import {
  base64,
  concat,
  crcText,
  digestingStream,
  fromHex,
  hex,
  isoDate,
  md5,
  uploadId,
} from "./util";
import { children, parseXml, text } from "./xml";

/** Parts other than the last must be at least this big (wire notes §L.4). */
export const MIN_PART_SIZE = 100 * 1024;

async function requireUpload(
  ctx: OpContext,
  bucket: BucketRecord,
  key: string,
  ec?: string,
): Promise<UploadRecord> {
  const id = ctx.req.query.uploadId ?? "";
  const upload = await ctx.store.getUpload(bucket.name, id);
  if (!upload || upload.key !== key) throw faults.noSuchUpload(id, ec);
  return upload;
}

function partNumber(ctx: OpContext): number {
  const value = ctx.req.query.partNumber ?? "";
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 10000) throw faults.invalidPartNumber(value);
  return number;
}

/** InitiateMultipartUpload (`POST ?uploads`). */
export async function initiateMultipartUpload(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const encode = urlEncoding(ctx);
  if (forbidsOverwrite(ctx) && (await ctx.store.headObject(bucket.name, key))) {
    throw faults.fileAlreadyExists();
  }
  const upload: UploadRecord = {
    uploadId: uploadId(),
    bucket: bucket.name,
    key,
    initiated: new Date(),
    object: objectSettings(ctx),
    parts: new Map(),
  };
  await ctx.store.putUpload(upload);
  return replyXml(ctx.res, {
    InitiateMultipartUploadResult: {
      EncodingType: encode ? "url" : undefined,
      Bucket: bucket.name,
      Key: encoder(encode)(key),
      UploadId: upload.uploadId,
    },
  });
}

async function storePart(
  ctx: OpContext,
  bucket: BucketRecord,
  upload: UploadRecord,
  number: number,
  data: Uint8Array,
): Promise<PartRecord> {
  const digest = md5(data);
  const part: PartRecord = {
    partNumber: number,
    size: data.length,
    etag: `"${hex(digest)}"`,
    crc64: crc64(data),
    lastModified: new Date(),
  };
  await ctx.store.putPart(bucket.name, upload.uploadId, part, data);
  return part;
}

/** UploadPart (`PUT ?partNumber=N&uploadId=ID`). */
export async function uploadPart(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const number = partNumber(ctx);
  const upload = await requireUpload(ctx, bucket, key, "0042-00000104");
  let part: PartRecord;
  if (ctx.store.putPartStream) {
    const body = digestingStream(ctx.req.request.body);
    let stored: PartRecord | undefined;
    await ctx.store.putPartStream(bucket.name, upload.uploadId, number, body.stream, async () => {
      const digest = body.digest();
      checkContentMd5(ctx, digest.md5);
      stored = {
        partNumber: number,
        size: digest.size,
        etag: `"${hex(digest.md5)}"`,
        crc64: digest.crc64,
        lastModified: new Date(),
      };
      return stored;
    });
    part = stored as PartRecord;
  } else {
    part = await storePart(ctx, bucket, upload, number, await readBody(ctx));
  }
  return reply(ctx.res, 200, {
    etag: part.etag,
    "content-md5": base64(fromHex(part.etag.replace(/"/g, ""))),
    "x-oss-hash-crc64ecma": crcText(part.crc64),
  });
}

/** UploadPartCopy (UploadPart with `x-oss-copy-source` and optional `x-oss-copy-source-range`). */
export async function uploadPartCopy(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const number = partNumber(ctx);
  const upload = await requireUpload(ctx, bucket, key, "0042-00000311");
  const source = await copySource(ctx);
  let data = source.data;
  const rangeHeader = ctx.req.headers["x-oss-copy-source-range"];
  if (rangeHeader !== undefined) {
    const range = parseRange(rangeHeader, source.size);
    if (range) data = data.subarray(range.start, range.end + 1);
  }
  const part = await storePart(ctx, bucket, upload, number, data.slice());
  return replyXml(
    ctx.res,
    { CopyPartResult: { LastModified: isoDate(part.lastModified), ETag: part.etag } },
    { etag: part.etag, "x-oss-hash-crc64ecma": crcText(part.crc64) },
  );
}

function objectUrl(ctx: OpContext, bucket: string, key: string): string {
  const url = ctx.req.url;
  const path = key.split("/").map(encodeURIComponent).join("/");
  return ctx.req.pathStyle ? `${url.origin}/${bucket}/${path}` : `${url.origin}/${path}`;
}

/** CompleteMultipartUpload: a part list, or every part with `x-oss-complete-all: yes`. */
export async function completeMultipartUpload(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const encode = urlEncoding(ctx);
  const upload = await requireUpload(ctx, bucket, key);
  const body = await readBody(ctx);
  const all = ctx.req.headers["x-oss-complete-all"]?.toLowerCase() === "yes";
  let chosen: PartRecord[];
  if (all) {
    if (body.length > 0) {
      throw faults.invalidArgument(
        "Should not speficy both complete all header and http body.",
        "0042-00000216",
        "x-oss-complete-all",
        "yes",
      );
    }
    chosen = [...upload.parts.values()].sort((a, b) => a.partNumber - b.partNumber);
  } else {
    const root = parseXml(
      new TextDecoder().decode(body),
      "CompleteMultipartUpload",
      "0042-00000205",
    );
    const listed = children(root, "Part").map((part) => ({
      number: Number(text(part, "PartNumber")?.trim()),
      etag: (text(part, "ETag") ?? "").trim().replace(/"/g, "").toUpperCase(),
    }));
    if (listed.length === 0) throw faults.malformedXml("0042-00000205");
    let previous = 0;
    for (const { number } of listed) {
      if (!Number.isInteger(number) || number < 1 || number > 10000) {
        throw faults.invalidPartNumber(String(number));
      }
      if (number <= previous) throw faults.invalidPartOrder();
      previous = number;
    }
    chosen = [];
    for (const { number, etag } of listed) {
      const part = upload.parts.get(number);
      if (!part || part.etag.replace(/"/g, "") !== etag) {
        throw faults.invalidPart(upload.uploadId, number, `"${etag}"`);
      }
      chosen.push(part);
    }
  }
  for (let i = 0; i < chosen.length - 1; i++) {
    if ((chosen[i] as PartRecord).size < MIN_PART_SIZE) throw faults.entityTooSmall();
  }
  if (forbidsOverwrite(ctx) && (await ctx.store.headObject(bucket.name, key))) {
    throw faults.fileAlreadyExists();
  }
  let crc = 0n;
  let size = 0;
  for (const part of chosen) {
    crc = combineCrc64(crc, part.crc64, part.size);
    size += part.size;
  }
  const digests = concat(chosen.map((part) => fromHex(part.etag.replace(/"/g, ""))));
  const etag = `"${hex(md5(digests))}-${chosen.length}"`;
  const settings = { ...upload.object };
  if (ctx.req.headers["x-oss-object-acl"] !== undefined) {
    settings.acl = objectSettings(ctx).acl;
  }
  const meta: ObjectMeta = {
    key,
    size,
    etag,
    crc64: crc,
    lastModified: new Date(),
    type: "Multipart",
    ...settings,
  };
  const readPart = (part: PartRecord) =>
    ctx.store.readPart(bucket.name, upload.uploadId, part.partNumber);
  if (ctx.store.putObjectStream) {
    // One part in memory at a time.
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const part = chosen[next++];
        if (part === undefined) controller.close();
        else controller.enqueue(await readPart(part));
      },
    });
    await ctx.store.putObjectStream(bucket.name, key, body, async () => meta);
  } else {
    const chunks: Uint8Array[] = [];
    for (const part of chosen) chunks.push(await readPart(part));
    await ctx.store.putObject(bucket.name, { ...meta, data: concat(chunks) });
  }
  await ctx.store.deleteUpload(bucket.name, upload.uploadId);
  const enc = encoder(encode);
  return replyXml(
    ctx.res,
    {
      CompleteMultipartUploadResult: {
        EncodingType: encode ? "url" : undefined,
        Location: objectUrl(ctx, bucket.name, key),
        Bucket: bucket.name,
        Key: enc(key),
        ETag: etag,
      },
    },
    { etag, "x-oss-hash-crc64ecma": crcText(crc) },
  );
}

/** AbortMultipartUpload: 204. */
export async function abortMultipartUpload(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, true);
  const key = requireKey(ctx);
  const upload = await requireUpload(ctx, bucket, key);
  await ctx.store.deleteUpload(bucket.name, upload.uploadId);
  return reply(ctx.res, 204);
}

function intParam(ctx: OpContext, name: string, fallback: number, max: number): number {
  const value = ctx.req.query[name];
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > max) {
    throw faults.invalidArgument(`Argument ${name} is invalid.`, "0017-00000202", name, value);
  }
  return number;
}

/** ListParts (`GET ?uploadId=ID`). */
export async function listParts(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, false);
  const key = requireKey(ctx);
  const encode = urlEncoding(ctx);
  const upload = await requireUpload(ctx, bucket, key);
  const marker = intParam(ctx, "part-number-marker", 0, 10000);
  const max = intParam(ctx, "max-parts", 1000, 1000);
  const after = [...upload.parts.values()]
    .filter((part) => part.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = after.slice(0, max);
  const last = page[page.length - 1];
  return replyXml(ctx.res, {
    ListPartsResult: {
      EncodingType: encode ? "url" : undefined,
      Bucket: bucket.name,
      Key: encoder(encode)(key),
      UploadId: upload.uploadId,
      StorageClass: upload.object.storageClass,
      PartNumberMarker: marker,
      NextPartNumberMarker: last ? last.partNumber : marker,
      MaxParts: max,
      IsTruncated: after.length > max,
      Part: page.map((part) => ({
        PartNumber: part.partNumber,
        LastModified: isoDate(part.lastModified),
        ETag: part.etag,
        HashCrc64ecma: crcText(part.crc64),
        Size: part.size,
      })),
    },
  });
}

/** ListMultipartUploads (`GET /?uploads`). */
export async function listMultipartUploads(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  checkAccess(ctx, bucket, false);
  const encode = urlEncoding(ctx);
  const enc = encoder(encode);
  const q = ctx.req.query;
  const prefix = q.prefix ?? "";
  const delimiter = q.delimiter ?? "";
  const keyMarker = q["key-marker"] ?? "";
  const idMarker = q["upload-id-marker"] ?? "";
  const max = intParam(ctx, "max-uploads", 1000, 1000);
  const uploads = (await ctx.store.listUploads(bucket.name))
    .filter((upload) => upload.key.startsWith(prefix))
    .filter(
      (upload) =>
        upload.key > keyMarker ||
        (idMarker !== "" && upload.key === keyMarker && upload.uploadId > idMarker),
    )
    .sort((a, b) =>
      a.key !== b.key
        ? a.key < b.key
          ? -1
          : 1
        : a.initiated.getTime() - b.initiated.getTime() || (a.uploadId < b.uploadId ? -1 : 1),
    );
  const listed: UploadRecord[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let lastKey = "";
  let lastId = "";
  for (const upload of uploads) {
    let common: string | undefined;
    if (delimiter !== "") {
      const at = upload.key.indexOf(delimiter, prefix.length);
      if (at !== -1) common = upload.key.slice(0, at + delimiter.length);
    }
    if (common !== undefined && prefixes[prefixes.length - 1] === common) continue;
    if (listed.length + prefixes.length === max) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      lastKey = common;
      lastId = "";
    } else {
      listed.push(upload);
      lastKey = upload.key;
      lastId = upload.uploadId;
    }
  }
  return replyXml(ctx.res, {
    ListMultipartUploadsResult: {
      EncodingType: encode ? "url" : undefined,
      Bucket: bucket.name,
      KeyMarker: enc(keyMarker),
      UploadIdMarker: idMarker,
      NextKeyMarker: truncated ? enc(lastKey) : "",
      NextUploadIdMarker: truncated ? lastId : "",
      Delimiter: enc(delimiter),
      Prefix: enc(prefix),
      MaxUploads: max,
      IsTruncated: truncated,
      Upload: listed.map((upload) => ({
        Key: enc(upload.key),
        UploadId: upload.uploadId,
        StorageClass: upload.object.storageClass,
        Initiated: isoDate(upload.initiated),
      })),
      CommonPrefixes: prefixes.map((value) => ({ Prefix: enc(value) })),
    },
  });
}
