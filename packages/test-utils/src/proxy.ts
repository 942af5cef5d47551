import { once } from "node:events";
import { createServer, request as httpRequest } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";

/** A running loopback proxy; see {@link startProxyServer}. */
export interface ProxyServer {
  /** The proxy's URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** What went through: `CONNECT host:port` tunnels and absolute-form `GET http://…` requests. */
  readonly seen: string[];
  /** Stops the proxy, destroying open connections. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * Starts a tiny HTTP proxy on `127.0.0.1` that forwards `CONNECT` tunnels and absolute-form
 * requests, **to loopback targets only** (anything else gets `403`), recording each in `seen`.
 *
 * @example
 * ```ts
 * const proxy = await startProxyServer();
 * // ... send through proxy.url, then:
 * proxy.seen; // ["CONNECT 127.0.0.1:41234"]
 * await proxy.close();
 * ```
 */
export async function startProxyServer(): Promise<ProxyServer> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? "");
    } catch {
      res.writeHead(400).end("absolute-form request expected");
      return;
    }
    if (!LOOPBACK.has(target.hostname)) {
      res.writeHead(403).end("loopback targets only");
      return;
    }
    seen.push(`${req.method} ${target.href}`);
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: target.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connect", (req, client: Socket, head: Buffer) => {
    const [host = "", port = ""] = (req.url ?? "").split(/:(?=\d+$)/);
    if (!LOOPBACK.has(host)) {
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    seen.push(`CONNECT ${req.url}`);
    const upstream = connect(Number(port), "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** A port on 127.0.0.1 with nothing listening (opened, then closed), for "connection refused". */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
