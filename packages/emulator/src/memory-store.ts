import type {
  BucketRecord,
  EmulatorStore,
  ObjectMeta,
  ObjectRecord,
  PartRecord,
  UploadRecord,
} from "./store";

interface BucketState {
  record: BucketRecord;
  objects: Map<string, ObjectRecord>;
  uploads: Map<string, UploadRecord>;
  /** Part bytes by upload id, then part number. */
  partData: Map<string, Map<number, Uint8Array>>;
}

function withoutData(object: ObjectRecord): ObjectMeta {
  const { data: _data, ...meta } = object;
  return meta;
}

/**
 * An {@link EmulatorStore} in memory: fast, and gone when the process ends.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ store: new MemoryStore() });
 * ```
 */
export class MemoryStore implements EmulatorStore {
  readonly #buckets = new Map<string, BucketState>();

  async getBucket(name: string): Promise<BucketRecord | undefined> {
    return this.#buckets.get(name)?.record;
  }

  async putBucket(bucket: BucketRecord): Promise<void> {
    const state = this.#buckets.get(bucket.name);
    if (state) state.record = bucket;
    else {
      this.#buckets.set(bucket.name, {
        record: bucket,
        objects: new Map(),
        uploads: new Map(),
        partData: new Map(),
      });
    }
  }

  async deleteBucket(name: string): Promise<void> {
    this.#buckets.delete(name);
  }

  async listBuckets(): Promise<BucketRecord[]> {
    return [...this.#buckets.values()]
      .map((state) => state.record)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async getObject(bucket: string, key: string): Promise<ObjectRecord | undefined> {
    return this.#buckets.get(bucket)?.objects.get(key);
  }

  async headObject(bucket: string, key: string): Promise<ObjectMeta | undefined> {
    const object = this.#buckets.get(bucket)?.objects.get(key);
    return object && withoutData(object);
  }

  async putObject(bucket: string, object: ObjectRecord): Promise<void> {
    this.#state(bucket).objects.set(object.key, object);
  }

  async updateObjectMeta(bucket: string, meta: ObjectMeta): Promise<void> {
    const objects = this.#state(bucket).objects;
    const existing = objects.get(meta.key);
    if (existing) objects.set(meta.key, { ...meta, data: existing.data });
  }

  async deleteObject(bucket: string, key: string): Promise<boolean> {
    return this.#buckets.get(bucket)?.objects.delete(key) ?? false;
  }

  async listObjects(bucket: string): Promise<ObjectMeta[]> {
    const objects = this.#buckets.get(bucket)?.objects;
    if (!objects) return [];
    return [...objects.values()]
      .map(withoutData)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async putUpload(upload: UploadRecord): Promise<void> {
    const state = this.#state(upload.bucket);
    state.uploads.set(upload.uploadId, upload);
    state.partData.set(upload.uploadId, new Map());
  }

  async getUpload(bucket: string, uploadId: string): Promise<UploadRecord | undefined> {
    return this.#buckets.get(bucket)?.uploads.get(uploadId);
  }

  async putPart(
    bucket: string,
    uploadId: string,
    part: PartRecord,
    data: Uint8Array,
  ): Promise<void> {
    const state = this.#buckets.get(bucket);
    const upload = state?.uploads.get(uploadId);
    if (!state || !upload) return;
    upload.parts.set(part.partNumber, part);
    state.partData.get(uploadId)?.set(part.partNumber, data);
  }

  async readPart(bucket: string, uploadId: string, partNumber: number): Promise<Uint8Array> {
    const data = this.#buckets.get(bucket)?.partData.get(uploadId)?.get(partNumber);
    if (!data) throw new Error(`no part ${partNumber} of upload ${uploadId}`);
    return data;
  }

  async deleteUpload(bucket: string, uploadId: string): Promise<void> {
    const state = this.#buckets.get(bucket);
    state?.uploads.delete(uploadId);
    state?.partData.delete(uploadId);
  }

  async listUploads(bucket: string): Promise<UploadRecord[]> {
    return [...(this.#buckets.get(bucket)?.uploads.values() ?? [])];
  }

  #state(bucket: string): BucketState {
    const state = this.#buckets.get(bucket);
    if (!state) throw new Error(`no bucket ${bucket}`);
    return state;
  }
}
