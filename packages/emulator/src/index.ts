/**
 * A local Alibaba Cloud OSS for development and tests: the REST protocol as msw request handlers
 * over a pluggable store, real V4/V1 signature checks, and a real HTTP server. The handlers alone,
 * without the Node-only server and filesystem store, are at `@oss-kit/emulator/handlers`.
 *
 * @packageDocumentation
 */

export { FsStore } from "./fs-store";
export * from "./handlers-entry";
export type { EmulatorOptions, RunningEmulator } from "./server";
export { startEmulator } from "./server";
