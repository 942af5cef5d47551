import type { RequestHandler } from "msw";
import { type SetupServer, setupServer } from "msw/node";

/** msw intercepting the global `fetch`; see {@link interceptFetch}. */
export interface FetchInterception {
  /** An origin to send to; every request to any origin reaches the handlers. */
  readonly url: string;
  /** The msw server, to `use()` extra handlers. */
  readonly server: SetupServer;
  /** Stops intercepting. */
  close(): Promise<void>;
}

/**
 * Makes msw's `setupServer` answer the global `fetch` with `handlers` (the same handlers
 * {@link startLoopbackServer} serves), with `onUnhandledRequest: "error"`. msw intercepts the global
 * `fetch`, `node:http` and XMLHttpRequest, not undici's own `request()`/`Agent`: test the undici
 * transport against {@link startLoopbackServer} instead.
 *
 * @example
 * ```ts
 * const mock = interceptFetch([http.get("*\/hello", () => HttpResponse.text("hi"))]);
 * await fetch(`${mock.url}/hello`); // "hi", without a socket
 * await mock.close();
 * ```
 */
export function interceptFetch(
  handlers: RequestHandler[],
  origin = "http://oss-kit.test",
): FetchInterception {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: "error" });
  return {
    url: origin,
    server,
    async close() {
      server.close();
    },
  };
}
