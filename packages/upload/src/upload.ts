import { Crc64, combineCrc64, formatCrc64, parseCrc64 } from "@oss-kit/crc64";
import {
  AbortError,
  ChecksumMismatchError,
  OssError,
  ServiceError,
  ValidationError,
} from "@oss-kit/errors";
import { CHECKPOINT_VERSION, type Checkpoint, type CheckpointPart, sha256Hex } from "./checkpoint";
import type {
  ListedPart,
  MultipartClient,
  ObjectHeaders,
  PartBody,
  UploadCallback,
} from "./client";
import { CheckpointCorruptError } from "./errors";
import { MAX_PARTS, type PartPlan, partSizeOf, planParts, validatePartSize } from "./part-size";
import { toUploadSource, type UploadSource, type UploadSourceInput } from "./source";
import type { CheckpointLease, CheckpointStore } from "./store";

/** A part that is part of the object: uploaded now, or reused from an earlier attempt. */
export interface UploadedPart {
  readonly number: number;
  readonly size: number;
  readonly etag: string;
  /** CRC-64/ECMA as a decimal string, when known. */
  readonly crc64: string | undefined;
  /** Whether the part was reused from an interrupted upload instead of sent again. */
  readonly reused: boolean;
}

/** Byte-level progress of an upload. */
export interface UploadProgress {
  /** Bytes sent or reused so far; never decreases. */
  readonly loaded: number;
  /** The source size; `undefined` for a stream until its end is read. */
  readonly total: number | undefined;
  /** Set when this report is for a completed part. */
  readonly part?: UploadedPart | undefined;
}

/** Why an upload threw away its checkpoint and started over. */
export type RestartReason =
  | "checkpoint-corrupt"
  | "source-changed"
  | "options-changed"
  | "upload-gone";

/** Lifecycle events of an upload. */
export type UploadEvent =
  | { readonly type: "initiated"; readonly uploadId: string }
  | { readonly type: "resumed"; readonly uploadId: string; readonly reusableParts: number }
  | {
      readonly type: "restarted";
      readonly reason: RestartReason;
      readonly previousUploadId: string | undefined;
    }
  | { readonly type: "part"; readonly part: UploadedPart };

/** Where and under which id an upload keeps its checkpoint. */
export interface UploadCheckpointOptions {
  readonly store: CheckpointStore;
  /**
   * The checkpoint id. Default: `oss://bucket/key` plus the file path for file sources.
   * Required for stream sources: it names the stream's content (use a content id of your own).
   */
  readonly id?: string | undefined;
  /** Lease lifetime in ms, renewed every third of it while the upload runs; default 30 000. */
  readonly leaseTtlMs?: number | undefined;
}

/** Options of {@link uploadObject} and {@link Upload}. */
export interface UploadOptions extends ObjectHeaders {
  readonly client: MultipartClient;
  readonly bucket: string;
  readonly key: string;
  /** Bytes, text, a Blob, a stream, or `fileSource(path)` of `@oss-kit/upload/fs`. */
  readonly source: UploadSourceInput;
  /** Part size in bytes (100 KiB – 5 GiB); default 8 MiB, grown so a known size fits 10,000 parts. */
  readonly partSize?: number | undefined;
  /** Parts in flight at once; default 4. */
  readonly concurrency?: number | undefined;
  /** Keep a checkpoint so an interrupted upload can be resumed, here or on another machine. */
  readonly checkpoint?: UploadCheckpointOptions | undefined;
  /** Aborts the upload and its in-flight part requests. */
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: UploadProgress) => void) | undefined;
  readonly onEvent?: ((event: UploadEvent) => void) | undefined;
  /**
   * On failure, leave the uploaded parts (and the checkpoint) for a later resume instead of
   * aborting the multipart upload. Default: `true` with a checkpoint store, else `false`.
   */
  readonly leavePartsOnError?: boolean | undefined;
  /** CRC-64 checks of every part and of the whole object; default `true`. */
  readonly crc64?: boolean | undefined;
  /** Call your server once the object is stored. */
  readonly callback?: UploadCallback | undefined;
}

/** What a finished upload returns. */
export interface UploadResult {
  readonly bucket: string;
  readonly key: string;
  readonly etag: string | undefined;
  readonly versionId: string | undefined;
  /** The whole object's CRC-64 (decimal), verified unless CRC checks are off. */
  readonly crc64: string | undefined;
  readonly size: number;
  /** The multipart upload ID; `undefined` when one PutObject sufficed. */
  readonly uploadId: string | undefined;
  readonly parts: number;
  /** Parts reused from an interrupted upload rather than sent again. */
  readonly reusedParts: number;
  readonly callbackResult: string | undefined;
}

interface PartJob {
  readonly number: number;
  readonly size: number;
  /** Random-access sources: the part's offset. */
  readonly start: number;
  /** Stream sources: the part's bytes. */
  readonly data: Uint8Array | undefined;
}

/** A reusable part found on the server during resume. */
interface Candidate {
  readonly listed: ListedPart;
  /** Recorded in the checkpoint with the same ETag (and CRC). */
  readonly recorded: boolean;
}

const HEADER_FIELDS = [
  "contentType",
  "cacheControl",
  "contentDisposition",
  "contentEncoding",
  "expires",
  "acl",
  "storageClass",
  "metadata",
  "tags",
  "forbidOverwrite",
  "serverSideEncryption",
] as const;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function isNoSuchUpload(error: unknown): boolean {
  return (
    error instanceof ServiceError && (error.code === "NoSuchUpload" || error.statusCode === 404)
  );
}

/** Reads a stream into part buffers, one at a time, peeking one chunk ahead to see the end. */
class StreamParts {
  readonly #it: AsyncIterator<Uint8Array>;
  #leftover: Uint8Array | undefined;
  #ended = false;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.#it = chunks[Symbol.asyncIterator]();
  }

  async #chunk(): Promise<Uint8Array | undefined> {
    if (this.#leftover !== undefined) {
      const chunk = this.#leftover;
      this.#leftover = undefined;
      return chunk;
    }
    while (!this.#ended) {
      const r = await this.#it.next();
      if (r.done) this.#ended = true;
      else if (r.value.byteLength > 0) return r.value;
    }
    return undefined;
  }

  /** The next `size` bytes (fewer at the end), or `undefined` at the end. */
  async next(size: number, allocate: (n: number) => void): Promise<Uint8Array | undefined> {
    let chunk = await this.#chunk();
    if (chunk === undefined) return undefined;
    allocate(size);
    const buffer = new Uint8Array(size);
    let filled = 0;
    while (chunk !== undefined) {
      const take = Math.min(chunk.byteLength, size - filled);
      buffer.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.byteLength) {
        this.#leftover = chunk.subarray(take);
        break;
      }
      if (filled === size) break;
      chunk = await this.#chunk();
    }
    return filled === size ? buffer : buffer.subarray(0, filled);
  }

  /** Whether the stream has no more bytes. */
  async ended(): Promise<boolean> {
    const chunk = await this.#chunk();
    if (chunk === undefined) return true;
    this.#leftover = chunk;
    return false;
  }

  /** Stops reading (closes the underlying stream). */
  async close(): Promise<void> {
    await this.#it.return?.().catch(() => {});
  }
}

async function crcOfChunks(chunks: AsyncIterable<Uint8Array>): Promise<bigint> {
  const crc = new Crc64();
  for await (const chunk of chunks) crc.update(chunk);
  return crc.digest();
}

/**
 * One upload of one object: a single PutObject for sources up to one part, a parallel,
 * resumable multipart upload beyond. Start it with {@link Upload.done}, or use
 * {@link uploadObject}, which starts it at once.
 *
 * **Memory:** random-access sources (bytes, Blobs, files) are read per part from where they are
 * (files in 1 MiB reads), nothing is buffered beyond what the transport holds. Stream sources
 * hold at most `concurrency` part buffers in flight plus one being filled:
 * `peak ≤ (concurrency + 1) × partSize` (the part size of the largest parts in flight, for
 * unknown lengths). {@link Upload.peakBufferedBytes} reports the peak.
 *
 * **Pause** stops starting parts; parts in flight finish. **Abort** (the signal or
 * {@link Upload.abort}) cancels the parts in flight.
 */
export class Upload {
  readonly #o: UploadOptions;
  #promise: Promise<UploadResult> | undefined;
  readonly #controller = new AbortController();
  #paused = false;
  #waiters: (() => void)[] = [];
  #buffered = 0;
  #peak = 0;

  constructor(options: UploadOptions) {
    this.#o = options;
  }

  /** Starts the upload (once) and returns its result. */
  done(): Promise<UploadResult> {
    this.#promise ??= this.#run();
    return this.#promise;
  }

  /** Stops starting new parts; the parts in flight finish. */
  pause(): void {
    this.#paused = true;
  }

  /** Continues a paused upload. */
  resume(): void {
    this.#paused = false;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Whether the upload is paused. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Cancels the upload, in-flight parts included; `done()` rejects with an `AbortError`. */
  abort(reason?: unknown): void {
    this.#controller.abort(reason ?? new AbortError("The upload was aborted"));
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Stream part bytes held right now. */
  get bufferedBytes(): number {
    return this.#buffered;
  }

  /** The most stream part bytes held at once so far. */
  get peakBufferedBytes(): number {
    return this.#peak;
  }

  #checkAborted(): void {
    if (this.#controller.signal.aborted) {
      const reason: unknown = this.#controller.signal.reason;
      throw reason instanceof AbortError
        ? reason
        : new AbortError("The upload was aborted", { cause: reason });
    }
  }

  async #waitIfPaused(): Promise<void> {
    while (this.#paused && !this.#controller.signal.aborted) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    this.#checkAborted();
  }

  #validate(): { concurrency: number; source: UploadSource } {
    const o = this.#o;
    if (typeof o !== "object" || o === null) {
      throw new ValidationError({ field: "options", rule: "must be an object" });
    }
    const client = o.client as Partial<MultipartClient> | undefined;
    if (
      typeof client !== "object" ||
      client === null ||
      typeof client.uploadPart !== "function" ||
      typeof client.putObject !== "function"
    ) {
      throw new ValidationError({ field: "client", rule: "must implement MultipartClient" });
    }
    if (typeof o.bucket !== "string" || o.bucket === "") {
      throw new ValidationError({ field: "bucket", rule: "must be a non-empty string" });
    }
    if (typeof o.key !== "string" || o.key === "") {
      throw new ValidationError({ field: "key", rule: "must be a non-empty string" });
    }
    const concurrency = o.concurrency ?? 4;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
      throw new ValidationError({
        field: "concurrency",
        rule: "must be an integer from 1 to 1000",
      });
    }
    if (o.partSize !== undefined) validatePartSize(o.partSize);
    const cp = o.checkpoint;
    if (cp !== undefined) {
      if (typeof cp.store?.acquire !== "function") {
        throw new ValidationError({ field: "checkpoint.store", rule: "must be a CheckpointStore" });
      }
      if (cp.id !== undefined && (typeof cp.id !== "string" || cp.id === "")) {
        throw new ValidationError({ field: "checkpoint.id", rule: "must be a non-empty string" });
      }
      const ttl = cp.leaseTtlMs;
      if (ttl !== undefined && (!Number.isSafeInteger(ttl) || ttl < 100)) {
        throw new ValidationError({
          field: "checkpoint.leaseTtlMs",
          rule: "must be an integer ≥ 100",
        });
      }
    }
    return { concurrency, source: toUploadSource(o.source) };
  }

  async #run(): Promise<UploadResult> {
    const o = this.#o;
    const { concurrency, source } = this.#validate();
    const userSignal = o.signal;
    const onAbort = () => this.abort(userSignal?.reason);
    if (userSignal?.aborted === true) onAbort();
    userSignal?.addEventListener("abort", onAbort, { once: true });
    try {
      return await this.#start(concurrency, source);
    } finally {
      userSignal?.removeEventListener("abort", onAbort);
    }
  }

  async #start(concurrency: number, source: UploadSource): Promise<UploadResult> {
    const o = this.#o;
    this.#checkAborted();
    const info = await source.prepare();
    this.#checkAborted();
    const crcOn = o.crc64 ?? true;
    const headers: ObjectHeaders = {};
    for (const field of HEADER_FIELDS) {
      if (o[field] !== undefined) (headers as Record<string, unknown>)[field] = o[field];
    }
    const optionsHash = await sha256Hex(
      canonical({ headers, crc64: crcOn, callback: o.callback ?? null }),
    );
    const store = o.checkpoint?.store;
    let checkpointId: string | undefined;
    if (store !== undefined) {
      checkpointId =
        o.checkpoint?.id ??
        (source.identity !== undefined
          ? `oss://${o.bucket}/${o.key}\n${source.identity}`
          : info.fingerprint !== undefined
            ? `oss://${o.bucket}/${o.key}`
            : undefined);
      if (checkpointId === undefined) {
        throw new ValidationError({
          field: "checkpoint.id",
          rule: "is required for a stream source (it names the stream's content)",
        });
      }
    }
    const fingerprint = info.fingerprint ?? `stream:${checkpointId ?? ""}`;

    let lease: CheckpointLease | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    if (store !== undefined && checkpointId !== undefined) {
      const ttlMs = o.checkpoint?.leaseTtlMs ?? 30_000;
      lease = await store.acquire(checkpointId, { ttlMs });
      const held = lease;
      timer = setInterval(
        () => {
          held.renew().catch((error: unknown) => this.#controller.abort(error));
        },
        Math.max(50, Math.floor(ttlMs / 3)),
      );
      (timer as { unref?: () => void }).unref?.();
    }
    try {
      return await this.#upload({
        source,
        size: info.size,
        fingerprint,
        optionsHash,
        headers,
        crcOn,
        concurrency,
        store,
        checkpointId,
      });
    } finally {
      if (timer !== undefined) clearInterval(timer);
      await lease?.release().catch(() => {});
    }
  }

  #emit(event: UploadEvent): void {
    this.#o.onEvent?.(event);
  }

  async #upload(s: {
    source: UploadSource;
    size: number | undefined;
    fingerprint: string;
    optionsHash: string;
    headers: ObjectHeaders;
    crcOn: boolean;
    concurrency: number;
    store: CheckpointStore | undefined;
    checkpointId: string | undefined;
  }): Promise<UploadResult> {
    const o = this.#o;
    const client = o.client;
    const { store, checkpointId, crcOn } = s;
    const base = { bucket: o.bucket, key: o.key };

    // 1. Load and validate the checkpoint.
    let cp: Checkpoint | undefined;
    const restart = async (reason: RestartReason, old: Checkpoint | undefined) => {
      if (old !== undefined) {
        await client
          .abortMultipartUpload(
            { ...base, uploadId: old.uploadId },
            { signal: this.#controller.signal },
          )
          .catch(() => {});
      }
      if (store !== undefined && checkpointId !== undefined) await store.delete(checkpointId);
      this.#emit({ type: "restarted", reason, previousUploadId: old?.uploadId });
    };
    if (store !== undefined && checkpointId !== undefined) {
      try {
        cp = await store.get(checkpointId);
      } catch (error) {
        if (!(error instanceof CheckpointCorruptError)) throw error;
        await restart("checkpoint-corrupt", undefined);
      }
      if (cp !== undefined && (cp.bucket !== o.bucket || cp.key !== o.key)) {
        throw new ValidationError({
          field: "checkpoint.id",
          rule: `names a checkpoint of oss://${cp.bucket}/${cp.key}, not of oss://${o.bucket}/${o.key}`,
        });
      }
    }
    let plan: PartPlan;
    if (cp !== undefined) {
      const sameSource = cp.fingerprint === s.fingerprint && cp.size === (s.size ?? null);
      let resumedPlan: PartPlan | undefined;
      try {
        resumedPlan = planParts(s.size, o.partSize ?? cp.partSize);
      } catch {
        resumedPlan = undefined;
      }
      if (!sameSource) {
        await restart("source-changed", cp);
        cp = undefined;
      } else if (
        resumedPlan === undefined ||
        cp.optionsHash !== s.optionsHash ||
        cp.partSize !== resumedPlan.partSize ||
        cp.schedule !== resumedPlan.schedule
      ) {
        await restart("options-changed", cp);
        cp = undefined;
      }
      plan =
        cp !== undefined && resumedPlan !== undefined ? resumedPlan : planParts(s.size, o.partSize);
    } else {
      plan = planParts(s.size, o.partSize);
    }

    // 2. Reconcile with ListParts: every listed part that matches may be reused.
    const candidates = new Map<number, Candidate>();
    if (cp !== undefined) {
      const listed: ListedPart[] = [];
      try {
        let marker: number | undefined;
        for (;;) {
          const page = await client.listParts(
            { ...base, uploadId: cp.uploadId, partNumberMarker: marker },
            { signal: this.#controller.signal },
          );
          listed.push(...page.parts);
          if (!page.isTruncated || page.nextPartNumberMarker === undefined) break;
          marker = page.nextPartNumberMarker;
        }
      } catch (error) {
        if (!isNoSuchUpload(error)) throw error;
        await restart("upload-gone", undefined);
        cp = undefined;
      }
      if (cp !== undefined) {
        const recorded = new Map(cp.parts.map((p) => [p.number, p]));
        for (const part of listed) {
          if (part.etag === undefined) continue;
          if (plan.count !== undefined && part.partNumber > plan.count) continue;
          if (part.size !== partSizeOf(plan, part.partNumber) && plan.schedule === "fixed")
            continue;
          const rec = recorded.get(part.partNumber);
          const sameEtag = rec !== undefined && rec.etag === part.etag && rec.size === part.size;
          const sameCrc =
            rec?.crc64 === undefined || part.crc64 === undefined || rec.crc64 === part.crc64;
          if (sameEtag && sameCrc)
            candidates.set(part.partNumber, { listed: part, recorded: true });
          else if (rec === undefined && crcOn && part.crc64 !== undefined) {
            // Uploaded but not recorded (a crash between the part and the checkpoint write):
            // reused only if the local bytes have the server's CRC.
            candidates.set(part.partNumber, { listed: part, recorded: false });
          }
        }
        this.#emit({ type: "resumed", uploadId: cp.uploadId, reusableParts: candidates.size });
      }
    }

    // 3. Part jobs.
    const stream = s.source.readRange === undefined ? s.source.chunks : undefined;
    if (s.source.readRange === undefined && stream === undefined) {
      throw new ValidationError({ field: "source", rule: "must implement readRange or chunks" });
    }
    const reader = stream !== undefined ? new StreamParts(stream()) : undefined;
    let total = s.size;
    let firstJob: PartJob | undefined;
    const allocate = (n: number) => {
      this.#buffered += n;
      if (this.#buffered > this.#peak) this.#peak = this.#buffered;
    };

    try {
      if (reader !== undefined) {
        const data = await reader.next(partSizeOf(plan, 1), allocate);
        firstJob = {
          number: 1,
          size: data?.byteLength ?? 0,
          start: 0,
          data: data ?? new Uint8Array(0),
        };
        if (cp === undefined && (await reader.ended())) total = firstJob.size;
      }
      // 4. One PutObject for a source of at most one part.
      if (cp === undefined && total !== undefined && total <= plan.partSize) {
        return await this.#putObject(s, total, firstJob);
      }

      let uploadId: string;
      if (cp !== undefined) uploadId = cp.uploadId;
      else {
        const init = await client.initiateMultipartUpload(
          { ...base, ...s.headers },
          { signal: this.#controller.signal },
        );
        uploadId = init.uploadId;
        this.#emit({ type: "initiated", uploadId });
      }
      const done = new Map<number, UploadedPart>();
      const recordedCp = cp;
      const makeCheckpoint = (): Checkpoint => ({
        version: CHECKPOINT_VERSION,
        uploadId,
        bucket: o.bucket,
        key: o.key,
        optionsHash: s.optionsHash,
        schedule: plan.schedule,
        partSize: plan.partSize,
        size: s.size ?? null,
        fingerprint: s.fingerprint,
        parts: [...done.values()]
          .sort((a, b) => a.number - b.number)
          .map(
            (p): CheckpointPart => ({
              number: p.number,
              size: p.size,
              etag: p.etag,
              crc64: p.crc64,
            }),
          ),
        updatedAt: new Date().toISOString(),
      });
      let writes: Promise<void> = Promise.resolve();
      let writeError: unknown;
      const save = () => {
        if (store === undefined || checkpointId === undefined) return;
        const snapshot = makeCheckpoint();
        writes = writes.then(() =>
          store.put(checkpointId, snapshot).catch((error: unknown) => {
            writeError ??= error;
          }),
        );
      };
      if (recordedCp === undefined) save();

      try {
        await this.#runParts({
          plan,
          source: s.source,
          reader,
          firstJob,
          uploadId,
          candidates,
          done,
          crcOn,
          concurrency: s.concurrency,
          total: () => total,
          setTotal: (n) => {
            total = n;
          },
          save,
          release: (n) => {
            this.#buffered -= n;
          },
          allocate,
        });
        await writes;
        if (writeError !== undefined) throw writeError;
        this.#checkAborted();
        const parts = [...done.values()].sort((a, b) => a.number - b.number);
        const size = parts.reduce((n, p) => n + p.size, 0);
        const complete = await client.completeMultipartUpload(
          {
            ...base,
            uploadId,
            parts: parts.map((p) => ({ partNumber: p.number, etag: p.etag })),
            forbidOverwrite: o.forbidOverwrite,
            acl: o.acl,
            callback: o.callback,
          },
          { signal: this.#controller.signal },
        );
        let combined: bigint | undefined;
        if (crcOn && parts.every((p) => p.crc64 !== undefined)) {
          combined = parts.reduce((acc, p) => combineCrc64(acc, p.crc64 as string, p.size), 0n);
        }
        if (store !== undefined && checkpointId !== undefined) await store.delete(checkpointId);
        if (combined !== undefined && complete.crc64 !== undefined) {
          if (parseCrc64(complete.crc64, "crc64") !== combined) {
            throw new ChecksumMismatchError({
              operation: "CompleteMultipartUpload",
              algorithm: "crc64ecma",
              client: formatCrc64(combined),
              server: complete.crc64,
            });
          }
        }
        return {
          ...base,
          etag: complete.etag,
          versionId: complete.versionId,
          crc64: complete.crc64 ?? (combined === undefined ? undefined : formatCrc64(combined)),
          size,
          uploadId,
          parts: parts.length,
          reusedParts: parts.filter((p) => p.reused).length,
          callbackResult: complete.callbackResult,
        };
      } catch (error) {
        await writes;
        const leave = o.leavePartsOnError ?? store !== undefined;
        if (!leave) {
          await client.abortMultipartUpload({ ...base, uploadId }).catch(() => {});
          if (store !== undefined && checkpointId !== undefined) {
            await store.delete(checkpointId).catch(() => {});
          }
        }
        throw error;
      }
    } catch (error) {
      if (this.#controller.signal.aborted) {
        // A lost lease aborts the upload with its own error; report that, not the abort.
        const reason: unknown = this.#controller.signal.reason;
        if (reason instanceof OssError && !(reason instanceof AbortError)) throw reason;
        if (!(error instanceof AbortError)) {
          throw new AbortError("The upload was aborted", { cause: error });
        }
      }
      throw error;
    } finally {
      await reader?.close();
    }
  }

  async #putObject(
    s: { source: UploadSource; headers: ObjectHeaders; crcOn: boolean },
    size: number,
    job: PartJob | undefined,
  ): Promise<UploadResult> {
    const o = this.#o;
    const body = this.#body({ number: 1, size, start: 0, data: job?.data }, s.source, () => size);
    const out = await o.client.putObject(
      { bucket: o.bucket, key: o.key, ...s.headers, callback: o.callback, body: body.body },
      { signal: this.#controller.signal, crc64: s.crcOn },
    );
    if (job?.data !== undefined) this.#buffered -= job.data.buffer.byteLength;
    const part: UploadedPart = {
      number: 1,
      size,
      etag: out.etag ?? "",
      crc64: out.crc64,
      reused: false,
    };
    this.#o.onProgress?.({ loaded: size, total: size, part });
    return {
      bucket: o.bucket,
      key: o.key,
      etag: out.etag,
      versionId: out.versionId,
      crc64: out.crc64,
      size,
      uploadId: undefined,
      parts: 1,
      reusedParts: 0,
      callbackResult: out.callbackResult,
    };
  }

  #progressState = { completed: 0, inflight: new Map<number, number>(), reported: 0 };

  #report(total: number | undefined, part?: UploadedPart): void {
    const st = this.#progressState;
    let loaded = st.completed;
    for (const n of st.inflight.values()) loaded += n;
    if (loaded < st.reported) loaded = st.reported;
    if (loaded === st.reported && part === undefined) return;
    st.reported = loaded;
    this.#o.onProgress?.(part === undefined ? { loaded, total } : { loaded, total, part });
  }

  /** A re-openable body for a part that tracks progress and computes the CRC of each read. */
  #body(
    job: PartJob,
    source: UploadSource,
    total: () => number | undefined,
  ): { body: PartBody; crc: () => bigint | undefined } {
    let last: bigint | undefined;
    const st = this.#progressState;
    const read = (): AsyncIterable<Uint8Array> =>
      job.data !== undefined
        ? (async function* (data: Uint8Array) {
            for (let at = 0; at < data.byteLength; at += 1024 * 1024) {
              yield data.subarray(at, Math.min(data.byteLength, at + 1024 * 1024));
            }
          })(job.data)
        : (source.readRange as (a: number, b: number) => AsyncIterable<Uint8Array>)(
            job.start,
            job.start + job.size,
          );
    const self = this;
    return {
      crc: () => last,
      body: {
        length: job.size,
        oneShot: false,
        async *open() {
          const crc = new Crc64();
          let sent = 0;
          last = undefined;
          for await (const chunk of read()) {
            crc.update(chunk);
            sent += chunk.byteLength;
            if (sent > (st.inflight.get(job.number) ?? 0)) {
              st.inflight.set(job.number, Math.min(sent, job.size));
              self.#report(total());
            }
            yield chunk;
          }
          if (sent !== job.size) {
            throw new ValidationError({
              field: "source",
              rule: `part ${job.number} read ${sent} bytes, expected ${job.size} (the source changed?)`,
            });
          }
          last = crc.digest();
        },
      },
    };
  }

  async #runParts(r: {
    plan: PartPlan;
    source: UploadSource;
    reader: StreamParts | undefined;
    firstJob: PartJob | undefined;
    uploadId: string;
    candidates: Map<number, Candidate>;
    done: Map<number, UploadedPart>;
    crcOn: boolean;
    concurrency: number;
    total: () => number | undefined;
    setTotal: (n: number) => void;
    save: () => void;
    release: (n: number) => void;
    allocate: (n: number) => void;
  }): Promise<void> {
    const { plan, reader } = r;
    const stop = new AbortController();
    const onAbort = () => stop.abort(this.#controller.signal.reason);
    this.#controller.signal.addEventListener("abort", onAbort, { once: true });
    let failure: { error: unknown } | undefined;
    let next = 1;
    let streamBytes = 0;
    let ended = false;
    // Jobs are handed out one at a time (a stream is read in order).
    let queue: Promise<unknown> = Promise.resolve();
    const take = (): Promise<PartJob | undefined> => {
      const p = queue.then(async (): Promise<PartJob | undefined> => {
        if (stop.signal.aborted || ended) return undefined;
        const n = next;
        if (reader === undefined) {
          if (plan.count !== undefined && n > plan.count) return undefined;
          next++;
          return {
            number: n,
            size: partSizeOf(plan, n),
            start: (n - 1) * plan.partSize,
            data: undefined,
          };
        }
        let job: PartJob | undefined;
        if (n === 1 && r.firstJob !== undefined) job = r.firstJob;
        else {
          const data = await reader.next(partSizeOf(plan, n), r.allocate);
          if (data !== undefined)
            job = { number: n, size: data.byteLength, start: streamBytes, data };
        }
        if (job === undefined || job.size === 0) {
          ended = true;
          r.setTotal(streamBytes);
          return undefined;
        }
        if (n > MAX_PARTS) {
          throw new ValidationError({ field: "source", rule: "needs more than 10,000 parts" });
        }
        next++;
        streamBytes += job.size;
        if (plan.size === undefined && job.size < partSizeOf(plan, n)) {
          ended = true;
          r.setTotal(streamBytes);
        }
        return job;
      });
      queue = p.catch(() => {});
      return p;
    };

    const worker = async () => {
      for (;;) {
        await this.#waitIfPaused();
        if (failure !== undefined) return;
        const job = await take();
        if (job === undefined) return;
        try {
          await this.#part(job, r, stop.signal);
        } finally {
          if (job.data !== undefined) r.release(job.data.buffer.byteLength);
        }
      }
    };
    const workers = Array.from({ length: r.concurrency }, () =>
      worker().catch((error: unknown) => {
        failure ??= { error };
        stop.abort(error);
      }),
    );
    await Promise.all(workers);
    this.#controller.signal.removeEventListener("abort", onAbort);
    if (failure !== undefined) throw failure.error;
    this.#checkAborted();
    if (r.done.size === 0) throw new ValidationError({ field: "source", rule: "is empty" });
  }

  async #part(
    job: PartJob,
    r: {
      source: UploadSource;
      uploadId: string;
      candidates: Map<number, Candidate>;
      done: Map<number, UploadedPart>;
      crcOn: boolean;
      total: () => number | undefined;
      save: () => void;
    },
    signal: AbortSignal,
  ): Promise<void> {
    const o = this.#o;
    const st = this.#progressState;
    const finish = (part: UploadedPart) => {
      r.done.set(part.number, part);
      st.inflight.delete(part.number);
      st.completed += part.size;
      r.save();
      this.#report(r.total(), part);
      this.#emit({ type: "part", part });
    };
    const candidate = r.candidates.get(job.number);
    if (candidate !== undefined && candidate.listed.size === job.size && candidate.listed.etag) {
      let reuse = !r.crcOn && candidate.recorded;
      if (r.crcOn && candidate.listed.crc64 !== undefined) {
        const local =
          job.data !== undefined
            ? await crcOfChunks(
                (async function* (d: Uint8Array) {
                  yield d;
                })(job.data),
              )
            : await crcOfChunks(
                (r.source.readRange as (a: number, b: number) => AsyncIterable<Uint8Array>)(
                  job.start,
                  job.start + job.size,
                ),
              );
        reuse = local === parseCrc64(candidate.listed.crc64, "crc64");
      }
      if (reuse) {
        finish({
          number: job.number,
          size: job.size,
          etag: candidate.listed.etag,
          crc64: candidate.listed.crc64,
          reused: true,
        });
        return;
      }
    }
    for (let attempt = 1; ; attempt++) {
      const { body, crc } = this.#body(job, r.source, r.total);
      const out = await o.client.uploadPart(
        { bucket: o.bucket, key: o.key, uploadId: r.uploadId, partNumber: job.number, body },
        { signal, crc64: false },
      );
      const local = crc();
      if (r.crcOn && out.crc64 !== undefined && local !== undefined) {
        if (parseCrc64(out.crc64, "crc64") !== local) {
          if (attempt < 2) continue;
          throw new ChecksumMismatchError({
            operation: "UploadPart",
            algorithm: "crc64ecma",
            client: formatCrc64(local),
            server: out.crc64,
          });
        }
      }
      const value = r.crcOn && local !== undefined ? formatCrc64(local) : out.crc64;
      finish({ number: job.number, size: job.size, etag: out.etag, crc64: value, reused: false });
      return;
    }
  }
}

/**
 * Uploads an object from bytes, text, a Blob, a stream or a file (`fileSource()` of
 * `@oss-kit/upload/fs`), starting at once. Await `upload.done()` for the result.
 *
 * @example
 * ```ts
 * const upload = uploadObject({ client, bucket: "b", key: "k", source: bytes });
 * const result = await upload.done();
 * ```
 */
export function uploadObject(options: UploadOptions): Upload {
  const upload = new Upload(options);
  upload.done().catch(() => {});
  return upload;
}
