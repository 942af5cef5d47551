import { type OpContext, readBody, requireBucket } from "./context";
import { faults } from "./errors";
import { reply, replyXml } from "./response";
import type { BucketAcl, BucketRecord } from "./store";
import { isoDate } from "./util";
import { parseXml, text } from "./xml";

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Whether a name follows OSS's bucket naming rules (wire notes §L.1). */
export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}

const OWNER = { ID: "oss-kit-emulator", DisplayName: "oss-kit-emulator" };

function parseBucketAcl(value: string | undefined): BucketAcl | undefined {
  if (value === undefined) return undefined;
  if (value === "private" || value === "public-read" || value === "public-read-write") return value;
  throw faults.invalidArgument(
    "no such bucket access control exists",
    "0015-00000204",
    "x-oss-acl",
    value,
  );
}

function bucketFields(bucket: BucketRecord) {
  return {
    CreationDate: isoDate(bucket.created),
    ExtranetEndpoint: `oss-${bucket.region}.aliyuncs.com`,
    IntranetEndpoint: `oss-${bucket.region}-internal.aliyuncs.com`,
    Location: `oss-${bucket.region}`,
    Name: bucket.name,
    Region: bucket.region,
    StorageClass: bucket.storageClass,
  };
}

/** PutBucket: creates a bucket (or, for an existing one of the same owner, does nothing). */
export async function putBucket(ctx: OpContext): Promise<Response> {
  const name = ctx.req.bucket as string;
  const acl = parseBucketAcl(ctx.req.headers["x-oss-acl"]);
  const body = await readBody(ctx);
  let storageClass = "Standard";
  if (body.length > 0) {
    const config = parseXml(new TextDecoder().decode(body), "CreateBucketConfiguration");
    storageClass = text(config, "StorageClass")?.trim() || "Standard";
  }
  const existing = await ctx.store.getBucket(name);
  if (existing) {
    if (acl !== undefined) await ctx.store.putBucket({ ...existing, acl });
    return reply(ctx.res, 200);
  }
  await ctx.store.putBucket({
    name,
    region: ctx.region,
    acl: acl ?? "private",
    created: new Date(),
    storageClass,
  });
  return reply(ctx.res, 200, { location: `/${name}` });
}

/** DeleteBucket: 204, or `BucketNotEmpty` while objects or uploads remain. */
export async function deleteBucket(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  const objects = await ctx.store.listObjects(bucket.name);
  const uploads = await ctx.store.listUploads(bucket.name);
  if (objects.length > 0 || uploads.length > 0) throw faults.bucketNotEmpty(bucket.name);
  await ctx.store.deleteBucket(bucket.name);
  return reply(ctx.res, 204);
}

/** ListBuckets (GetService), with `prefix`, `marker` and `max-keys`. */
export async function listBuckets(ctx: OpContext): Promise<Response> {
  const { prefix, marker } = ctx.req.query;
  const maxText = ctx.req.query["max-keys"];
  const max = maxText === undefined ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw faults.invalidArgument(
      "Argument max-keys must be an integer between 1 and 1000.",
      "0017-00000202",
      "max-keys",
      maxText,
    );
  }
  const all = (await ctx.store.listBuckets()).filter(
    (bucket) =>
      (prefix === undefined || bucket.name.startsWith(prefix)) &&
      (marker === undefined || bucket.name > marker),
  );
  const page = all.slice(0, max);
  const truncated = all.length > max;
  const paged = prefix !== undefined || marker !== undefined || maxText !== undefined;
  return replyXml(ctx.res, {
    ListAllMyBucketsResult: {
      ...(paged
        ? {
            Prefix: prefix ?? "",
            Marker: marker ?? "",
            MaxKeys: max,
            IsTruncated: truncated,
            NextMarker: truncated ? page[page.length - 1]?.name : undefined,
          }
        : {}),
      Owner: OWNER,
      Buckets: { Bucket: page.map(bucketFields) },
    },
  });
}

/** GetBucketInfo. */
export async function getBucketInfo(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  return replyXml(ctx.res, {
    BucketInfo: {
      Bucket: {
        AccessMonitor: "Disabled",
        ...bucketFields(bucket),
        DataRedundancyType: "LRS",
        TransferAcceleration: "Disabled",
        CrossRegionReplication: "Disabled",
        Versioning: bucket.versioning,
        Owner: { DisplayName: OWNER.DisplayName, ID: OWNER.ID },
        AccessControlList: { Grant: bucket.acl },
      },
    },
  });
}

/** GetBucketLocation. */
export async function getBucketLocation(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  return replyXml(ctx.res, { LocationConstraint: `oss-${bucket.region}` });
}

/** GetBucketAcl. */
export async function getBucketAcl(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  return replyXml(ctx.res, {
    AccessControlPolicy: { Owner: OWNER, AccessControlList: { Grant: bucket.acl } },
  });
}

/** PutBucketAcl (`x-oss-acl`). */
export async function putBucketAcl(ctx: OpContext): Promise<Response> {
  const bucket = await requireBucket(ctx);
  const acl = parseBucketAcl(ctx.req.headers["x-oss-acl"]);
  if (acl !== undefined) await ctx.store.putBucket({ ...bucket, acl });
  return reply(ctx.res, 200);
}

/** The owner element the emulator reports. */
export { OWNER };
