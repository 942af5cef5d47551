import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Readable } from "node:stream";
import { getResponse, type RequestHandler } from "msw";

/** A running loopback server; see {@link startLoopbackServer}. */
export interface LoopbackServer {
  /** The server's origin, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** How many TCP connections the server has accepted so far (to check keep-alive reuse). */
  readonly connections: number;
  /** Stops the server, destroying open connections. */
  close(): Promise<void>;
}

/**
 * Starts a real `node:http` server on `127.0.0.1` (a free port) that answers every request with
 * msw's `getResponse(handlers, request)`, so one set of msw handlers can serve clients that msw's
 * `setupServer` cannot intercept (undici's own API). Each request becomes a web `Request` whose body
 * streams from the socket; the handler's `Response` body streams back with backpressure.
 *
 * - No handler matched: `404`.
 * - A handler returned `HttpResponse.error()`: the socket is destroyed before any response.
 * - The response body stream errors mid-way: the socket is reset (an abrupt end of the response).
 * - A handler threw: `500` with the error message.
 *
 * @example
 * ```ts
 * const server = await startLoopbackServer([http.get("*\/hello", () => HttpResponse.text("hi"))]);
 * await fetch(`${server.url}/hello`); // "hi", over a real socket
 * await server.close();
 * ```
 */
export async function startLoopbackServer(handlers: RequestHandler[]): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    answer(handlers, req, res).catch(() => res.destroy());
  });
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function answer(
  handlers: RequestHandler[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  const method = req.method ?? "GET";
  const hasBody =
    method !== "GET" &&
    method !== "HEAD" &&
    (req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined);
  const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host}`), {
    method,
    headers,
    ...(hasBody
      ? { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, duplex: "half" }
      : {}),
  } as RequestInit);

  let response: Response | undefined;
  try {
    response = await getResponse(handlers, request);
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    return;
  }
  if (response === undefined) {
    res.writeHead(404, { "content-type": "text/plain" }).end("no handler matched");
    return;
  }
  if (response.type === "error") {
    req.socket.destroy();
    return;
  }
  const flat: string[] = [];
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    flat.push(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) flat.push("set-cookie", cookie);
  res.writeHead(response.status, response.statusText, flat);
  if (response.body === null) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  res.on("close", () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  try {
    while (true) {
      const next = await reader.read();
      if (next.done) break;
      if (!res.write(next.value)) await drainOrClose(res);
      if (res.destroyed) return;
    }
  } catch {
    // The handler's body failed: end the response abruptly, as a reset connection does.
    const socket = res.socket;
    if (socket && typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
    else res.destroy();
    return;
  }
  res.end();
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
