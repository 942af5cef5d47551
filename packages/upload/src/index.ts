/**
 * Resumable multipart uploads for OSS: parallel parts with bounded memory, CRC-64 of every part
 * and of the whole object, byte-level progress, pause/resume/abort, and checkpoints in memory,
 * on disk (`@oss-kit/upload/fs`) or in Redis (`@oss-kit/checkpoint-redis`). Runs in browsers
 * too; the file source and the fs store live in the `./fs` entry.
 *
 * @packageDocumentation
 */

export {
  CHECKPOINT_VERSION,
  type Checkpoint,
  type CheckpointPart,
  decodeCheckpoint,
  encodeCheckpoint,
} from "./checkpoint";
export type {
  ListedPart,
  MultipartCallOptions,
  MultipartClient,
  MultipartTarget,
  ObjectAcl,
  ObjectHeaders,
  PartBody,
  StorageClass,
  UploadCallback,
} from "./client";
export { CheckpointCorruptError, CheckpointLockedError, UploadErrorCode } from "./errors";
export {
  DEFAULT_PART_SIZE,
  GROWTH_STEP,
  MAX_PART_SIZE,
  MAX_PARTS,
  MIN_PART_SIZE,
  type PartPlan,
  partSizeOf,
  planParts,
} from "./part-size";
export {
  type SourceInfo,
  toUploadSource,
  type UploadSource,
  type UploadSourceInput,
} from "./source";
export {
  type AcquireOptions,
  type CheckpointLease,
  type CheckpointStore,
  MemoryCheckpointStore,
} from "./store";
export {
  type RestartReason,
  Upload,
  type UploadCheckpointOptions,
  type UploadEvent,
  type UploadedPart,
  type UploadOptions,
  type UploadProgress,
  type UploadResult,
  uploadObject,
} from "./upload";
