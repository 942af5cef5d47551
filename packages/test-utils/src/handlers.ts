import { createHash } from "node:crypto";
import { delay, HttpResponse, http, type RequestHandler } from "msw";

/** What {@link transportHandlers} saw. */
export interface HandlerStats {
  /** Requests that reached any handler. */
  requests: number;
}

/** The byte at offset `i` of the bodies `*\/bytes/:n` serves. */
export function patternByte(i: number): number {
  return (i * 31 + 7) & 0xff;
}

/** `n` bytes of the pattern `*\/bytes/:n` serves, from `offset`. */
export function patternBytes(n: number, offset = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = patternByte(offset + i);
  return out;
}

const CHUNK = 64 * 1024;

/**
 * msw handlers for transport contract tests, matching any origin (`*\/path`):
 *
 * | path | answer |
 * |---|---|
 * | `*\/echo` | `200`, the request body back; `x-method`, `x-body-length` and `x-request-headers` (URI-encoded JSON of the request headers) |
 * | `*\/hash` | `200` JSON `{ bytes, sha256 }` of the request body, hashed as it streams in |
 * | `*\/status/:code` | that status, body `status <code>` (none for 204 and 304) |
 * | `*\/headers` | repeated `x-multi` and `set-cookie` headers and a `X-Mixed-Case` one |
 * | `*\/bytes/:n` | `n` pattern bytes ({@link patternBytes}) in 64 KiB chunks, with `content-length` |
 * | `*\/slow-headers?ms=` | waits `ms` (default 10 s), then `200 late` |
 * | `*\/stall` | headers and `first`, then nothing more, ever |
 * | `*\/reset` | headers and `first`, then the body fails (the loopback server resets the socket) |
 * | `*\/network-error` | `HttpResponse.error()` (the loopback server destroys the socket) |
 * | `*\/never` | never answers, nor reads the request body (uploads stall once buffers fill) |
 */
export function transportHandlers(): { handlers: RequestHandler[]; stats: HandlerStats } {
  const stats: HandlerStats = { requests: 0 };
  const handlers: RequestHandler[] = [
    http.all("*", () => {
      stats.requests++;
      // Falls through to the handlers below.
    }),
    http.all("*/echo", async ({ request }) => {
      const body =
        request.method === "GET" || request.method === "HEAD" ? null : await request.arrayBuffer();
      const seen: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        seen[name] = value;
      });
      return new HttpResponse(body === null || body.byteLength === 0 ? null : body, {
        headers: {
          "x-method": request.method,
          "x-body-length": String(body?.byteLength ?? 0),
          "x-request-headers": encodeURIComponent(JSON.stringify(seen)),
        },
      });
    }),
    http.all("*/hash", async ({ request }) => {
      const hash = createHash("sha256");
      let bytes = 0;
      if (request.body) {
        const reader = request.body.getReader();
        while (true) {
          const next = await reader.read();
          if (next.done) break;
          bytes += next.value.byteLength;
          hash.update(next.value);
        }
      }
      return HttpResponse.json({ bytes, sha256: hash.digest("hex") });
    }),
    http.all("*/status/:code", ({ params }) => {
      const status = Number(params.code);
      const empty = status === 204 || status === 304;
      return new HttpResponse(empty ? null : `status ${status}`, { status });
    }),
    http.all("*/headers", () => {
      const headers = new Headers();
      headers.append("x-multi", "a");
      headers.append("x-multi", "b");
      headers.append("X-Mixed-Case", "v");
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new HttpResponse("ok", { headers });
    }),
    http.get("*/bytes/:n", ({ params }) => {
      const n = Number(params.n);
      let at = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= n) {
            controller.close();
            return;
          }
          const size = Math.min(CHUNK, n - at);
          controller.enqueue(patternBytes(size, at));
          at += size;
        },
      });
      return new HttpResponse(body, { headers: { "content-length": String(n) } });
    }),
    http.all("*/slow-headers", async ({ request }) => {
      const ms = Number(new URL(request.url).searchParams.get("ms") ?? 10_000);
      await delay(ms);
      return HttpResponse.text("late");
    }),
    http.get("*/stall", () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("first"));
        },
        pull() {
          return new Promise<void>(() => {}); // never more
        },
      });
      return new HttpResponse(body, { headers: { "content-type": "text/plain" } });
    }),
    http.get("*/reset", () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("first"));
        },
        async pull(controller) {
          await delay(50);
          controller.error(new Error("connection reset by the test server"));
        },
      });
      return new HttpResponse(body, { headers: { "content-type": "text/plain" } });
    }),
    http.all("*/network-error", () => HttpResponse.error()),
    http.all("*/never", () => new Promise<never>(() => {})),
  ];
  return { handlers, stats };
}
