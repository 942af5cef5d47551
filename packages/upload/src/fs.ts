/**
 * The Node parts of the upload manager: {@link fileSource} (a file read per part range from
 * disk) and {@link FsCheckpointStore} (checkpoints as files).
 *
 * @packageDocumentation
 */

export { fileSource } from "./file-source";
export { FsCheckpointStore, type FsCheckpointStoreOptions } from "./fs-store";
