/**
 * HTTP transports for oss-kit, outside Node: browsers, Deno, Bun, workers. Only the fetch transport
 * is here (the `node` entry adds undici and file bodies); `defaultTransport()` is fetch.
 *
 * @packageDocumentation
 */

import { type FetchTransportOptions, fetchTransport } from "./fetch";
import type { Transport } from "./types";

export {
  isRequestBody,
  type RequestBodyInput,
  type ToRequestBodyOptions,
  toRequestBody,
} from "./body";
export { type FetchFunction, type FetchTransportOptions, fetchTransport } from "./fetch";
export { DEFAULT_TIMEOUTS } from "./timeouts";
export type {
  RequestBody,
  ResponseBody,
  Timeouts,
  TransferProgress,
  Transport,
  TransportRequest,
  TransportResponse,
} from "./types";

/**
 * The default transport of this runtime: here (browsers, Deno, Bun, workers) the fetch transport.
 * In Node the package resolves to its `node` entry, where it is the undici transport.
 *
 * @example
 * ```ts
 * const transport = defaultTransport();
 * console.log(transport.name); // "fetch"
 * ```
 */
export function defaultTransport(options: FetchTransportOptions = {}): Transport {
  return fetchTransport(options);
}
