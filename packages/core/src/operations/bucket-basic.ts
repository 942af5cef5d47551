import { type Operation, type OperationResult, resultBase } from "../operation";
import { oneOf } from "../validate";
import { bool, child, date, int, parseXml, type XmlNode } from "../xml";
import {
  BUCKET_ACLS,
  type BucketAcl,
  type BucketInput,
  type BucketOwner,
  checkBucketInput,
  optionalText,
  ownerOf,
  resourceGroupHeader,
  xmlRequest,
} from "./bucket-common";
import { STORAGE_CLASSES } from "./put-object";

/** Data redundancy types of a bucket: locally (`LRS`) or zone-redundant (`ZRS`). */
export const DATA_REDUNDANCY_TYPES = ["LRS", "ZRS"] as const;

/** Input of {@link PutBucket}. */
export interface PutBucketInput {
  /** The new bucket's name (3–63 of `a-z 0-9 -`, globally unique). */
  bucket: string;
  /** The canned ACL (`x-oss-acl`); default `private`. */
  acl?: BucketAcl | undefined;
  /** The default storage class of objects; default `Standard`. */
  storageClass?: (typeof STORAGE_CLASSES)[number] | undefined;
  /** `LRS` (default) or `ZRS`. */
  dataRedundancyType?: (typeof DATA_REDUNDANCY_TYPES)[number] | undefined;
  /** The resource group to create the bucket in (`x-oss-resource-group-id`). */
  resourceGroupId?: string | undefined;
}

/** Result of {@link PutBucket}. */
export type PutBucketOutput = OperationResult;

/**
 * PutBucket: creates a bucket, with an optional `CreateBucketConfiguration` body for the storage
 * class and redundancy type. Fails with `BucketAlreadyExists` (409) when the name is taken.
 */
export const PutBucket: Operation<PutBucketInput, PutBucketOutput> = {
  name: "PutBucket",
  serialize(input) {
    checkBucketInput(input, "PutBucket");
    const headers: Record<string, string> = {};
    const acl = oneOf(input.acl, "acl", BUCKET_ACLS);
    if (acl !== undefined) headers["x-oss-acl"] = acl;
    const group = resourceGroupHeader(input.resourceGroupId);
    if (group !== undefined) headers["x-oss-resource-group-id"] = group;
    const storageClass = oneOf(input.storageClass, "storageClass", STORAGE_CLASSES);
    const redundancy = oneOf(input.dataRedundancyType, "dataRedundancyType", DATA_REDUNDANCY_TYPES);
    if (storageClass === undefined && redundancy === undefined) {
      return { method: "PUT", bucket: input.bucket, headers };
    }
    const xml = xmlRequest("CreateBucketConfiguration", {
      StorageClass: storageClass,
      DataRedundancyType: redundancy,
    });
    return {
      method: "PUT",
      bucket: input.bucket,
      headers: { ...headers, ...xml.headers },
      body: xml.body,
    };
  },
  parse: (response) => resultBase(response),
};

/** Input of {@link DeleteBucket}. */
export type DeleteBucketInput = BucketInput;
/** Result of {@link DeleteBucket}. */
export type DeleteBucketOutput = OperationResult;

/**
 * DeleteBucket: deletes an empty bucket (204). Fails with `BucketNotEmpty` (409) while objects,
 * object versions or unfinished multipart uploads remain.
 */
export const DeleteBucket: Operation<DeleteBucketInput, DeleteBucketOutput> = {
  name: "DeleteBucket",
  serialize(input) {
    checkBucketInput(input, "DeleteBucket");
    return { method: "DELETE", bucket: input.bucket };
  },
  parse: (response) => resultBase(response),
};

/** Input of {@link GetBucketInfo}. */
export type GetBucketInfoInput = BucketInput;

/** A bucket's default server-side encryption. */
export interface BucketEncryption {
  /** `AES256`, `KMS` or `SM4`. */
  readonly algorithm: string | undefined;
  readonly kmsMasterKeyId: string | undefined;
  /** With KMS: the data encryption algorithm (`SM4`), if not the default. */
  readonly kmsDataEncryption: string | undefined;
}

/** Result of {@link GetBucketInfo}. Every field may be missing from a response. */
export interface GetBucketInfoOutput extends OperationResult {
  readonly name: string | undefined;
  readonly creationDate: Date | undefined;
  /** `oss-`-prefixed, e.g. `oss-cn-hangzhou`. */
  readonly location: string | undefined;
  readonly extranetEndpoint: string | undefined;
  readonly intranetEndpoint: string | undefined;
  readonly storageClass: string | undefined;
  /** `LRS` or `ZRS`. */
  readonly dataRedundancyType: string | undefined;
  /** The bucket's canned ACL. */
  readonly acl: string | undefined;
  readonly owner: BucketOwner | undefined;
  readonly resourceGroupId: string | undefined;
  /** `Enabled` or `Disabled`. */
  readonly accessMonitor: string | undefined;
  /** `Enabled` or `Disabled`. */
  readonly transferAcceleration: string | undefined;
  /** `Enabled` or `Disabled`. */
  readonly crossRegionReplication: string | undefined;
  /** `Enabled` or `Suspended` once versioning was turned on. */
  readonly versioning: string | undefined;
  readonly blockPublicAccess: boolean | undefined;
  readonly comment: string | undefined;
  readonly serverSideEncryption: BucketEncryption | undefined;
  /** Access logging (`BucketPolicy`): where logs go. */
  readonly logging:
    | { targetBucket: string | undefined; targetPrefix: string | undefined }
    | undefined;
}

/** GetBucketInfo: a bucket's settings (`GET /?bucketInfo`). */
export const GetBucketInfo: Operation<GetBucketInfoInput, GetBucketInfoOutput> = {
  name: "GetBucketInfo",
  serialize(input) {
    checkBucketInput(input, "GetBucketInfo");
    return { method: "GET", bucket: input.bucket, query: { bucketInfo: "" } };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text());
    const bucket = child(node, "Bucket");
    const sse = child(bucket, "ServerSideEncryptionRule");
    const policy = child(bucket, "BucketPolicy");
    return {
      ...resultBase(response),
      name: optionalText(bucket, "Name"),
      creationDate: date(bucket, "CreationDate"),
      location: optionalText(bucket, "Location"),
      extranetEndpoint: optionalText(bucket, "ExtranetEndpoint"),
      intranetEndpoint: optionalText(bucket, "IntranetEndpoint"),
      storageClass: optionalText(bucket, "StorageClass"),
      dataRedundancyType: optionalText(bucket, "DataRedundancyType"),
      acl: optionalText(child(bucket, "AccessControlList"), "Grant"),
      owner: ownerOf(child(bucket, "Owner")),
      resourceGroupId: optionalText(bucket, "ResourceGroupId"),
      accessMonitor: optionalText(bucket, "AccessMonitor"),
      transferAcceleration: optionalText(bucket, "TransferAcceleration"),
      crossRegionReplication: optionalText(bucket, "CrossRegionReplication"),
      versioning: optionalText(bucket, "Versioning"),
      blockPublicAccess: bool(bucket, "BlockPublicAccess"),
      comment: optionalText(bucket, "Comment"),
      serverSideEncryption: sse
        ? {
            algorithm: optionalText(sse, "SSEAlgorithm"),
            kmsMasterKeyId: optionalText(sse, "KMSMasterKeyID"),
            kmsDataEncryption: optionalText(sse, "KMSDataEncryption"),
          }
        : undefined,
      logging: policy
        ? {
            targetBucket: optionalText(policy, "LogBucket"),
            targetPrefix: optionalText(policy, "LogPrefix"),
          }
        : undefined,
    };
  },
};

/** Input of {@link GetBucketLocation}. */
export type GetBucketLocationInput = BucketInput;

/** Result of {@link GetBucketLocation}. */
export interface GetBucketLocationOutput extends OperationResult {
  /** The `oss-`-prefixed region id, e.g. `oss-cn-hangzhou`. */
  readonly location: string;
}

/** GetBucketLocation: the region a bucket lives in (`GET /?location`). */
export const GetBucketLocation: Operation<GetBucketLocationInput, GetBucketLocationOutput> = {
  name: "GetBucketLocation",
  serialize(input) {
    checkBucketInput(input, "GetBucketLocation");
    return { method: "GET", bucket: input.bucket, query: { location: "" } };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text());
    return { ...resultBase(response), location: typeof node === "string" ? node : "" };
  },
};

/** Input of {@link GetBucketStat}. */
export type GetBucketStatInput = BucketInput;

/**
 * Result of {@link GetBucketStat}: storage in bytes and object counts, in all and per storage
 * class. The statistics lag behind writes (they are not real time). Per-class values missing
 * from a response are `undefined`.
 */
export interface GetBucketStatOutput extends OperationResult {
  /** Bytes stored in all. */
  readonly storage: number;
  readonly objectCount: number;
  readonly multipartUploadCount: number;
  readonly multipartPartCount: number | undefined;
  readonly liveChannelCount: number | undefined;
  readonly deleteMarkerCount: number | undefined;
  /** When these statistics were taken (OSS sends Unix seconds). */
  readonly lastModifiedTime: Date | undefined;
  readonly standardStorage: number | undefined;
  readonly standardObjectCount: number | undefined;
  /** Billed size of IA objects (small objects count as 64 KB); `…RealStorage` is the real size. */
  readonly infrequentAccessStorage: number | undefined;
  readonly infrequentAccessRealStorage: number | undefined;
  readonly infrequentAccessObjectCount: number | undefined;
  readonly archiveStorage: number | undefined;
  readonly archiveRealStorage: number | undefined;
  readonly archiveObjectCount: number | undefined;
  readonly coldArchiveStorage: number | undefined;
  readonly coldArchiveRealStorage: number | undefined;
  readonly coldArchiveObjectCount: number | undefined;
  readonly deepColdArchiveStorage: number | undefined;
  readonly deepColdArchiveRealStorage: number | undefined;
  readonly deepColdArchiveObjectCount: number | undefined;
}

function unixSeconds(node: XmlNode | undefined, name: string): Date | undefined {
  const seconds = int(node, name);
  return seconds === undefined ? undefined : new Date(seconds * 1000);
}

/** GetBucketStat: a bucket's storage and object counts (`GET /?stat`). */
export const GetBucketStat: Operation<GetBucketStatInput, GetBucketStatOutput> = {
  name: "GetBucketStat",
  serialize(input) {
    checkBucketInput(input, "GetBucketStat");
    return { method: "GET", bucket: input.bucket, query: { stat: "" } };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text());
    return {
      ...resultBase(response),
      storage: int(node, "Storage") ?? 0,
      objectCount: int(node, "ObjectCount") ?? 0,
      multipartUploadCount: int(node, "MultipartUploadCount") ?? 0,
      multipartPartCount: int(node, "MultipartPartCount"),
      liveChannelCount: int(node, "LiveChannelCount"),
      deleteMarkerCount: int(node, "DeleteMarkerCount"),
      lastModifiedTime: unixSeconds(node, "LastModifiedTime"),
      standardStorage: int(node, "StandardStorage"),
      standardObjectCount: int(node, "StandardObjectCount"),
      infrequentAccessStorage: int(node, "InfrequentAccessStorage"),
      infrequentAccessRealStorage: int(node, "InfrequentAccessRealStorage"),
      infrequentAccessObjectCount: int(node, "InfrequentAccessObjectCount"),
      archiveStorage: int(node, "ArchiveStorage"),
      archiveRealStorage: int(node, "ArchiveRealStorage"),
      archiveObjectCount: int(node, "ArchiveObjectCount"),
      coldArchiveStorage: int(node, "ColdArchiveStorage"),
      coldArchiveRealStorage: int(node, "ColdArchiveRealStorage"),
      coldArchiveObjectCount: int(node, "ColdArchiveObjectCount"),
      deepColdArchiveStorage: int(node, "DeepColdArchiveStorage"),
      deepColdArchiveRealStorage: int(node, "DeepColdArchiveRealStorage"),
      deepColdArchiveObjectCount: int(node, "DeepColdArchiveObjectCount"),
    };
  },
};
