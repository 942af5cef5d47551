/** A bucket ACL. */
export type BucketAcl = "private" | "public-read" | "public-read-write";

/** An object ACL; `default` means the bucket's ACL applies. */
export type ObjectAcl = BucketAcl | "default";

/** How an object was created, as `x-oss-object-type` reports it. */
export type ObjectType = "Normal" | "Appendable" | "Multipart" | "Symlink";

/** A stored bucket. */
export interface BucketRecord {
  /** The bucket name. */
  name: string;
  /** Bare region id, e.g. `cn-hangzhou`. */
  region: string;
  /** The bucket ACL. */
  acl: BucketAcl;
  /** When the bucket was created. */
  created: Date;
  /** Storage class given at creation; default `Standard`. */
  storageClass: string;
  /** Versioning state, when it was ever set (the emulator stores one version per key). */
  versioning?: "Enabled" | "Suspended" | undefined;
}

/** Everything about a stored object except its bytes. */
export interface ObjectMeta {
  /** The object key. */
  key: string;
  /** Size in bytes. */
  size: number;
  /** The ETag, with its double quotes. */
  etag: string;
  /** CRC-64/ECMA-182 of the whole object. */
  crc64: bigint;
  /** Base64 MD5 for objects created by PutObject/CopyObject of such objects. */
  contentMd5?: string | undefined;
  /** Last modification time. */
  lastModified: Date;
  /** How the object was created. */
  type: ObjectType;
  /** Storage class, default `Standard`. */
  storageClass: string;
  /**
   * Standard headers stored with the object, lowercase names: `content-type`, `cache-control`,
   * `content-disposition`, `content-encoding`, `content-language`, `expires`.
   */
  headers: Record<string, string>;
  /** User metadata, names without the `x-oss-meta-` prefix, lowercase. */
  meta: Record<string, string>;
  /** Object tags. */
  tags: Record<string, string>;
  /** The object ACL. */
  acl: ObjectAcl;
  /** For symlinks: the target key. */
  symlinkTarget?: string | undefined;
}

/** A stored object: metadata and bytes. */
export interface ObjectRecord extends ObjectMeta {
  /** The object's content. */
  data: Uint8Array;
}

/** One uploaded part of a multipart upload (its bytes are read with {@link EmulatorStore.readPart}). */
export interface PartRecord {
  /** 1–10000. */
  partNumber: number;
  /** Size in bytes. */
  size: number;
  /** Quoted uppercase MD5 hex. */
  etag: string;
  /** CRC-64 of the part. */
  crc64: bigint;
  /** When the part was uploaded. */
  lastModified: Date;
}

/** An unfinished multipart upload and the object settings given at its initiation. */
export interface UploadRecord {
  /** The upload id. */
  uploadId: string;
  /** The bucket. */
  bucket: string;
  /** The key of the object being assembled. */
  key: string;
  /** When the upload was initiated. */
  initiated: Date;
  /** Object settings for the final object (size, etag, crc, type and time are filled in later). */
  object: Pick<ObjectMeta, "storageClass" | "headers" | "meta" | "tags" | "acl">;
  /** Uploaded parts by part number, without their bytes. */
  parts: Map<number, PartRecord>;
}

/**
 * Where the emulator keeps its state. Every method may be asynchronous, so a store can live on
 * disk or elsewhere; {@link MemoryStore} is the default.
 */
export interface EmulatorStore {
  /** A bucket by name. */
  getBucket(name: string): Promise<BucketRecord | undefined>;
  /** Creates or replaces a bucket record. */
  putBucket(bucket: BucketRecord): Promise<void>;
  /** Deletes a bucket (the caller checked it is empty). */
  deleteBucket(name: string): Promise<void>;
  /** Every bucket, sorted by name. */
  listBuckets(): Promise<BucketRecord[]>;
  /** An object with its bytes. */
  getObject(bucket: string, key: string): Promise<ObjectRecord | undefined>;
  /**
   * Optional: an object's bytes (or the inclusive byte range `start`–`end`) as a stream, so
   * large objects are served without being read whole. Without it, {@link getObject} is used.
   */
  openObject?(
    bucket: string,
    key: string,
    range?: { start: number; end: number },
  ): Promise<ReadableStream<Uint8Array> | undefined>;
  /** An object's metadata, without reading its bytes. */
  headObject(bucket: string, key: string): Promise<ObjectMeta | undefined>;
  /** Creates or replaces an object. */
  putObject(bucket: string, object: ObjectRecord): Promise<void>;
  /**
   * Optional: stores an object whose bytes arrive as a stream, without holding them in memory.
   * The store reads `body` to its end into a staging place, then calls `finish`, which checks the
   * bytes (Content-MD5, overwrite rules) and returns the metadata to store; if it throws, the
   * staged bytes are discarded and the error propagates. Without this method the handlers read
   * the body whole and call {@link putObject}.
   */
  putObjectStream?(
    bucket: string,
    key: string,
    body: ReadableStream<Uint8Array>,
    finish: () => Promise<ObjectMeta>,
  ): Promise<void>;
  /** Replaces an object's metadata, keeping its bytes. */
  updateObjectMeta(bucket: string, meta: ObjectMeta): Promise<void>;
  /** Deletes an object; `true` when it existed. */
  deleteObject(bucket: string, key: string): Promise<boolean>;
  /** Metadata of every object of a bucket, sorted by key. */
  listObjects(bucket: string): Promise<ObjectMeta[]>;
  /** Creates an upload record (with no parts yet). */
  putUpload(upload: UploadRecord): Promise<void>;
  /** An unfinished upload, with the metadata of its parts. */
  getUpload(bucket: string, uploadId: string): Promise<UploadRecord | undefined>;
  /** Stores (or replaces) one part of an upload. */
  putPart(bucket: string, uploadId: string, part: PartRecord, data: Uint8Array): Promise<void>;
  /** Optional: {@link putPart} with the bytes as a stream, staged like {@link putObjectStream}. */
  putPartStream?(
    bucket: string,
    uploadId: string,
    partNumber: number,
    body: ReadableStream<Uint8Array>,
    finish: () => Promise<PartRecord>,
  ): Promise<void>;
  /** The bytes of one stored part. */
  readPart(bucket: string, uploadId: string, partNumber: number): Promise<Uint8Array>;
  /** Forgets an upload (completed or aborted). */
  deleteUpload(bucket: string, uploadId: string): Promise<void>;
  /** Every unfinished upload of a bucket. */
  listUploads(bucket: string): Promise<UploadRecord[]>;
}
