import { OssError, type OssErrorOptions } from "@oss-kit/errors";

/** Stable codes of the errors the upload manager raises. */
export const UploadErrorCode = {
  CheckpointLocked: "ERR_OSS_CHECKPOINT_LOCKED",
  CheckpointCorrupt: "ERR_OSS_CHECKPOINT_CORRUPT",
} as const;

/**
 * Another driver holds the lease on this checkpoint: two uploads must not drive the same
 * multipart upload at once. Retry later, or after the other driver's lease expired.
 */
export class CheckpointLockedError extends OssError {
  static override readonly errorName: string = "CheckpointLockedError";
  /** The checkpoint id whose lease is held. */
  readonly checkpointId: string;

  constructor(checkpointId: string, options: OssErrorOptions = {}) {
    super(
      UploadErrorCode.CheckpointLocked,
      `Checkpoint ${JSON.stringify(checkpointId)} is locked by another upload`,
      options,
    );
    this.checkpointId = checkpointId;
  }
}

/**
 * A stored checkpoint failed its integrity check (corrupt, truncated, tampered with or of an
 * unknown schema version). It is never trusted: the upload discards it and starts over.
 */
export class CheckpointCorruptError extends OssError {
  static override readonly errorName: string = "CheckpointCorruptError";
  /** Why the checkpoint was rejected. */
  readonly reason: string;

  constructor(reason: string, options: OssErrorOptions = {}) {
    super(UploadErrorCode.CheckpointCorrupt, `Corrupt checkpoint: ${reason}`, options);
    this.reason = reason;
  }
}
