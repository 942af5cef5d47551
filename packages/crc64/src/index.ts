/**
 * CRC-64 exactly as Alibaba Cloud OSS computes `x-oss-hash-crc64ecma` (CRC-64/XZ): one-shot,
 * incremental, combine of part CRCs, and the decimal form OSS sends. Values are `bigint`s
 * because they exceed 2^53.
 *
 * Runs on WebAssembly where it may (over 1 GB/s) and on a pure-JavaScript kernel where it may
 * not; see {@link setCrc64Backend}.
 *
 * @packageDocumentation
 */

export { type Crc64Backend, getCrc64Backend, setCrc64Backend } from "./backend";
export { combineCrc64 } from "./combine";
export { Crc64, crc64 } from "./crc64";
export { formatCrc64, parseCrc64 } from "./decimal";
export type { Crc64Input } from "./input";
export { crc64OfStream } from "./stream";
