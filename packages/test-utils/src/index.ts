/**
 * Private test helpers of oss-kit: msw handlers, a loopback server answering with them, msw
 * interception of the global fetch, and a loopback HTTP proxy.
 *
 * @packageDocumentation
 */

export { type HandlerStats, patternByte, patternBytes, transportHandlers } from "./handlers";
export { type FetchInterception, interceptFetch } from "./intercept";
export { type LoopbackServer, startLoopbackServer } from "./loopback";
export { closedPort, type ProxyServer, startProxyServer } from "./proxy";
