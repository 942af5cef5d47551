import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type {
  BucketRecord,
  EmulatorStore,
  ObjectMeta,
  ObjectRecord,
  PartRecord,
  UploadRecord,
} from "./store";

type Json = Record<string, unknown>;

function fileName(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

async function readJson(path: string): Promise<Json | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as Json;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes through a temporary file and a rename, so readers never see half a file. */
async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryName(path);
  await writeFile(temporary, data);
  await rename(temporary, path);
}

function temporaryName(path: string): string {
  return `${path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
}

/** Streams `body` to a temporary file beside `path`, runs `finish`, then renames it into place. */
async function stageStream<T>(
  path: string,
  body: ReadableStream<Uint8Array>,
  finish: () => Promise<T>,
): Promise<T> {
  const temporary = temporaryName(path);
  try {
    await pipeline(
      Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
      createWriteStream(temporary),
    );
    const result = await finish();
    await rename(temporary, path);
    return result;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function bucketToJson(bucket: BucketRecord): Json {
  return { ...bucket, created: bucket.created.toISOString() };
}

function bucketFromJson(json: Json): BucketRecord {
  return { ...(json as unknown as BucketRecord), created: new Date(json.created as string) };
}

function metaToJson(meta: ObjectMeta): Json {
  return { ...meta, crc64: meta.crc64.toString(), lastModified: meta.lastModified.toISOString() };
}

function metaFromJson(json: Json): ObjectMeta {
  return {
    ...(json as unknown as ObjectMeta),
    crc64: BigInt(json.crc64 as string),
    lastModified: new Date(json.lastModified as string),
  };
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * An {@link EmulatorStore} on disk, under one directory: buckets, objects (a `.json` of metadata
 * beside a `.bin` of bytes, named by the SHA-256 of the key) and multipart uploads survive
 * restarts. Meant for development data, not for large numbers of objects (listing reads every
 * metadata file).
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ store: new FsStore("./oss-data") });
 * ```
 */
export class FsStore implements EmulatorStore {
  readonly #root: string;

  /** @param root - The directory to keep data in; created when missing. */
  constructor(root: string) {
    this.#root = root;
  }

  #bucketDir(name: string): string {
    return join(this.#root, "buckets", name);
  }

  #objectPath(bucket: string, key: string): string {
    return join(this.#bucketDir(bucket), "objects", fileName(key));
  }

  #uploadDir(bucket: string, uploadId: string): string {
    return join(this.#bucketDir(bucket), "uploads", fileName(uploadId));
  }

  async getBucket(name: string): Promise<BucketRecord | undefined> {
    const json = await readJson(join(this.#bucketDir(name), "bucket.json"));
    return json && bucketFromJson(json);
  }

  async putBucket(bucket: BucketRecord): Promise<void> {
    const dir = this.#bucketDir(bucket.name);
    await mkdir(join(dir, "objects"), { recursive: true });
    await mkdir(join(dir, "uploads"), { recursive: true });
    await writeAtomic(join(dir, "bucket.json"), JSON.stringify(bucketToJson(bucket)));
  }

  async deleteBucket(name: string): Promise<void> {
    await rm(this.#bucketDir(name), { recursive: true, force: true });
  }

  async listBuckets(): Promise<BucketRecord[]> {
    const out: BucketRecord[] = [];
    for (const name of await list(join(this.#root, "buckets"))) {
      const bucket = await this.getBucket(name);
      if (bucket) out.push(bucket);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async getObject(bucket: string, key: string): Promise<ObjectRecord | undefined> {
    const meta = await this.headObject(bucket, key);
    if (!meta) return undefined;
    try {
      const data = new Uint8Array(await readFile(`${this.#objectPath(bucket, key)}.bin`));
      return { ...meta, data };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async openObject(
    bucket: string,
    key: string,
    range?: { start: number; end: number },
  ): Promise<ReadableStream<Uint8Array> | undefined> {
    const path = `${this.#objectPath(bucket, key)}.bin`;
    const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
    try {
      await new Promise<void>((resolve, reject) => {
        stream.once("open", () => resolve());
        stream.once("error", reject);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
  }

  async headObject(bucket: string, key: string): Promise<ObjectMeta | undefined> {
    const json = await readJson(`${this.#objectPath(bucket, key)}.json`);
    return json && metaFromJson(json);
  }

  async putObject(bucket: string, object: ObjectRecord): Promise<void> {
    const { data, ...meta } = object;
    const path = this.#objectPath(bucket, object.key);
    await writeAtomic(`${path}.bin`, data);
    await writeAtomic(`${path}.json`, JSON.stringify(metaToJson(meta)));
  }

  async putObjectStream(
    bucket: string,
    key: string,
    body: ReadableStream<Uint8Array>,
    finish: () => Promise<ObjectMeta>,
  ): Promise<void> {
    const path = this.#objectPath(bucket, key);
    const meta = await stageStream(`${path}.bin`, body, finish);
    await writeAtomic(`${path}.json`, JSON.stringify(metaToJson(meta)));
  }

  async updateObjectMeta(bucket: string, meta: ObjectMeta): Promise<void> {
    const path = this.#objectPath(bucket, meta.key);
    if ((await readJson(`${path}.json`)) === undefined) return;
    await writeAtomic(`${path}.json`, JSON.stringify(metaToJson(meta)));
  }

  async deleteObject(bucket: string, key: string): Promise<boolean> {
    const path = this.#objectPath(bucket, key);
    const existed = (await readJson(`${path}.json`)) !== undefined;
    await rm(`${path}.json`, { force: true });
    await rm(`${path}.bin`, { force: true });
    return existed;
  }

  async listObjects(bucket: string): Promise<ObjectMeta[]> {
    const dir = join(this.#bucketDir(bucket), "objects");
    const out: ObjectMeta[] = [];
    for (const name of await list(dir)) {
      if (!name.endsWith(".json")) continue;
      const json = await readJson(join(dir, name));
      if (json) out.push(metaFromJson(json));
    }
    return out.sort(byKey);
  }

  async putUpload(upload: UploadRecord): Promise<void> {
    const dir = this.#uploadDir(upload.bucket, upload.uploadId);
    await mkdir(dir, { recursive: true });
    const { parts: _parts, ...rest } = upload;
    await writeAtomic(
      join(dir, "upload.json"),
      JSON.stringify({ ...rest, initiated: upload.initiated.toISOString() }),
    );
  }

  async getUpload(bucket: string, uploadId: string): Promise<UploadRecord | undefined> {
    const dir = this.#uploadDir(bucket, uploadId);
    const json = await readJson(join(dir, "upload.json"));
    if (!json) return undefined;
    const parts = new Map<number, PartRecord>();
    for (const name of await list(dir)) {
      const match = /^part-(\d+)\.json$/.exec(name);
      if (!match) continue;
      const partJson = await readJson(join(dir, name));
      if (!partJson) continue;
      const number = Number(match[1]);
      parts.set(number, {
        partNumber: number,
        size: partJson.size as number,
        etag: partJson.etag as string,
        crc64: BigInt(partJson.crc64 as string),
        lastModified: new Date(partJson.lastModified as string),
      });
    }
    return {
      ...(json as unknown as UploadRecord),
      initiated: new Date(json.initiated as string),
      parts,
    };
  }

  async putPart(
    bucket: string,
    uploadId: string,
    part: PartRecord,
    data: Uint8Array,
  ): Promise<void> {
    const dir = this.#uploadDir(bucket, uploadId);
    await writeAtomic(join(dir, `part-${part.partNumber}.bin`), data);
    await writeAtomic(
      join(dir, `part-${part.partNumber}.json`),
      JSON.stringify({
        size: part.size,
        etag: part.etag,
        crc64: part.crc64.toString(),
        lastModified: part.lastModified.toISOString(),
      }),
    );
  }

  async putPartStream(
    bucket: string,
    uploadId: string,
    partNumber: number,
    body: ReadableStream<Uint8Array>,
    finish: () => Promise<PartRecord>,
  ): Promise<void> {
    const dir = this.#uploadDir(bucket, uploadId);
    const part = await stageStream(join(dir, `part-${partNumber}.bin`), body, finish);
    await writeAtomic(
      join(dir, `part-${part.partNumber}.json`),
      JSON.stringify({
        size: part.size,
        etag: part.etag,
        crc64: part.crc64.toString(),
        lastModified: part.lastModified.toISOString(),
      }),
    );
  }

  async readPart(bucket: string, uploadId: string, partNumber: number): Promise<Uint8Array> {
    const path = join(this.#uploadDir(bucket, uploadId), `part-${partNumber}.bin`);
    return new Uint8Array(await readFile(path));
  }

  async deleteUpload(bucket: string, uploadId: string): Promise<void> {
    await rm(this.#uploadDir(bucket, uploadId), { recursive: true, force: true });
  }

  async listUploads(bucket: string): Promise<UploadRecord[]> {
    const dir = join(this.#bucketDir(bucket), "uploads");
    const out: UploadRecord[] = [];
    for (const name of await list(dir)) {
      const json = await readJson(join(dir, name, "upload.json"));
      if (!json) continue;
      const upload = await this.getUpload(bucket, json.uploadId as string);
      if (upload) out.push(upload);
    }
    return out;
  }
}
