import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Readable } from "node:stream";
import type { AccessKey } from "./auth";
import { handleOssRequest } from "./handlers";
import { MemoryStore } from "./memory-store";
import type { EmulatorStore } from "./store";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port; default `0` (a free one). */
  port?: number | undefined;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string | undefined;
  /** Where state lives; default a new {@link MemoryStore}. */
  store?: EmulatorStore | undefined;
  /** Accepted keys; default one generated key pair, returned in {@link RunningEmulator.accessKeys}. */
  accessKeys?: readonly AccessKey[] | undefined;
  /** Region of new buckets; default `cn-hangzhou`. */
  region?: string | undefined;
  /** Host name for virtual-host addressing (`<bucket>.<virtualHost>`); `*.localhost` always works. */
  virtualHost?: string | undefined;
}

/** A running emulator; see {@link startEmulator}. */
export interface RunningEmulator {
  /** `http://<host>:<port>`, usable as a client `endpoint` (path style for IP hosts). */
  readonly url: string;
  /** `<host>:<port>`. */
  readonly endpoint: string;
  /** The port it listens on. */
  readonly port: number;
  /** The accepted keys. */
  readonly accessKeys: readonly AccessKey[];
  /** The store behind it. */
  readonly store: EmulatorStore;
  /** Stops the server, closing open connections. */
  close(): Promise<void>;
}

function randomKey(): AccessKey {
  const hex = (n: number) => {
    const bytes = new Uint8Array(n);
    globalThis.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };
  return { accessKeyId: `LTAI${hex(8)}`, accessKeySecret: hex(16) };
}

/**
 * Starts the emulator as a real `node:http` server. Request bodies stream into web `Request`s
 * answered by the same code as {@link createOssHandlers}.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator();
 * const client = new Client({ region: "cn-hangzhou", endpoint: emulator.url, credentials: emulator.accessKeys[0] });
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = options.store ?? new MemoryStore();
  const accessKeys = options.accessKeys ?? [randomKey()];
  const handlerOptions = {
    store,
    accessKeys,
    region: options.region,
    host: options.virtualHost,
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    answer(req, res, (request) => handleOssRequest(request, handlerOptions)).catch(() =>
      res.destroy(),
    );
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  server.listen(options.port ?? 0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    endpoint: `${shown}:${port}`,
    port,
    accessKeys,
    store,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  handle: (request: Request) => Promise<Response | undefined>,
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
  const request = new Request(
    new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`),
    {
      method,
      headers,
      ...(hasBody
        ? { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, duplex: "half" }
        : {}),
    } as RequestInit,
  );
  const response =
    (await handle(request)) ??
    new Response("not an OSS host", { status: 404, headers: { "content-type": "text/plain" } });
  const flat: string[] = [];
  response.headers.forEach((value, name) => {
    flat.push(name, value);
  });
  res.writeHead(response.status, flat);
  if (response.body === null || method === "HEAD") {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on("close", () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  while (true) {
    const next = await reader.read();
    if (next.done) break;
    if (!res.write(next.value)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
    if (res.destroyed) return;
  }
  res.end();
}
