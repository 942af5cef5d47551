/**
 * The runtime-neutral part of the emulator (`@oss-kit/emulator/handlers`): the msw handlers, the
 * request handler function and the memory store, with no `node:` imports, for browsers, workers
 * and other non-Node test environments.
 *
 * @packageDocumentation
 */

export type { AccessKey, Requester } from "./auth";
export type { OssHandlersOptions } from "./context";
export { OssServiceFault } from "./errors";
export { createOssHandlers, handleOssRequest } from "./handlers";
export { MemoryStore } from "./memory-store";
export type {
  BucketAcl,
  BucketRecord,
  EmulatorStore,
  ObjectAcl,
  ObjectMeta,
  ObjectRecord,
  ObjectType,
  PartRecord,
  UploadRecord,
} from "./store";
