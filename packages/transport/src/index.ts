/**
 * HTTP transports for oss-kit behind one small contract ({@link Transport}): undici, the Node
 * default (keep-alive pool, streaming, separate timeouts, progress, proxies), and fetch, the
 * default everywhere else. This is the package's `node` entry; other runtimes get `./web`, which
 * has no undici and no `node:` imports.
 *
 * @packageDocumentation
 */

import type { Transport } from "./types";
import { type UndiciTransportOptions, undiciTransport } from "./undici";

export { FILE_READ_SIZE, type FileBodyOptions, fileBody } from "./file-body";
export { type ProxyEnvOptions, type UndiciTransportOptions, undiciTransport } from "./undici";
// Everything the web entry has; this entry adds undici and file bodies, and its own
// defaultTransport (a local export shadows the one from "./web").
export * from "./web";

/**
 * The default transport of this runtime. In Node (this entry) it is {@link undiciTransport}; in
 * browsers, Deno, Bun and workers the package resolves to its web entry, where it is
 * `fetchTransport`. Chosen by the package's `exports` conditions, so browser bundles never contain
 * undici.
 *
 * @example
 * ```ts
 * const transport = defaultTransport();
 * console.log(transport.name); // "undici" in Node
 * ```
 */
export function defaultTransport(options: UndiciTransportOptions = {}): Transport {
  return undiciTransport(options);
}
