import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import {
  AbortError,
  RequestError,
  TimeoutError,
  type TimeoutKind,
  ValidationError,
} from "@oss-kit/errors";
import {
  closedPort,
  type HandlerStats,
  patternBytes,
  transportHandlers,
} from "@oss-kit/test-utils";
import type { RequestHandler } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fileBody,
  type RequestBody,
  type Timeouts,
  type TransferProgress,
  type Transport,
  type TransportResponse,
  toRequestBody,
} from "../src/index";

/** A server the suite sends to: a loopback socket server, or msw interception. */
export interface ServerHandle {
  /** Origin to send to. */
  readonly url: string;
  /** Whether requests cross real sockets (enables connection-refused and upload-stall cases). */
  readonly realSockets: boolean;
  close(): Promise<void>;
}

/** Makes the transport under test, with the given transport-level timeouts. */
export type TransportFactory = (options: { timeouts?: Partial<Timeouts> }) => Transport;

/** Starts a server answering with `handlers`. */
export type ServerFactory = (handlers: RequestHandler[]) => Promise<ServerHandle>;

const MiB = 1024 * 1024;
const SLOW = 10_000; // a test timeout generous enough for any timer case

async function expectTimeout(promise: Promise<unknown>, kind: TimeoutKind, ms: number) {
  const error = await promise.then(
    () => expect.fail("expected a TimeoutError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TimeoutError);
  expect(error).toMatchObject({ timeout: kind, timeoutMs: ms });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (e: unknown) => e,
  );
}

function monotonic(events: TransferProgress[]): void {
  for (let i = 1; i < events.length; i++) {
    expect((events[i] as TransferProgress).loaded).toBeGreaterThanOrEqual(
      (events[i - 1] as TransferProgress).loaded,
    );
  }
}

/**
 * The transport contract, written once and run against every transport and server pairing: methods,
 * headers, statuses, every body kind (and re-opening), large streamed bodies with progress, abort,
 * each timeout kind, resets, refused connections and input validation.
 */
export function describeTransport(
  name: string,
  makeTransport: TransportFactory,
  makeServer: ServerFactory,
  capabilities: { realSockets: boolean },
): void {
  // Cases that need real sockets are registered only where the server has them (never skipped).
  const socketIt = capabilities.realSockets ? it : undefined;
  describe(`transport contract: ${name}`, () => {
    let server: ServerHandle;
    let stats: HandlerStats;
    let transport: Transport;
    let dir: string;
    let url: (path: string) => string;

    beforeAll(async () => {
      const made = transportHandlers();
      stats = made.stats;
      server = await makeServer(made.handlers);
      transport = makeTransport({});
      url = (path) => `${server.url}${path}`;
      dir = await mkdtemp(join(tmpdir(), "oss-kit-transport-"));
    });
    afterAll(async () => {
      await transport.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    });

    const send = (path: string, extra: Partial<Parameters<Transport["send"]>[0]> = {}) =>
      transport.send({ method: "GET", url: url(path), headers: {}, ...extra });

    const echoed = (response: TransportResponse): Record<string, string> =>
      JSON.parse(decodeURIComponent(response.headers["x-request-headers"] ?? "{}"));

    describe("methods, headers and statuses", () => {
      for (const method of ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"]) {
        it(`sends ${method}`, async () => {
          const response = await send("/echo", { method });
          expect(response.statusCode).toBe(200);
          expect(response.headers["x-method"]).toBe(method);
          await response.body.discard();
        });
      }

      it("sends HEAD and gets an empty body", async () => {
        const response = await send("/echo", { method: "HEAD" });
        expect(response.statusCode).toBe(200);
        expect(await response.body.bytes()).toHaveLength(0);
      });

      it("sends headers as given and returns response headers lowercased, repeats joined", async () => {
        const response = await send("/echo", {
          headers: { "X-Oss-Meta-Name": "Value 1", "x-other": "b" },
        });
        const seen = echoed(response);
        expect(seen["x-oss-meta-name"]).toBe("Value 1");
        expect(seen["x-other"]).toBe("b");
        await response.body.discard();

        const repeated = await send("/headers");
        for (const key of Object.keys(repeated.headers)) expect(key).toBe(key.toLowerCase());
        expect(repeated.headers["x-mixed-case"]).toBe("v");
        expect(repeated.headers["x-multi"]).toBe("a, b");
        expect(repeated.headers["set-cookie"]).toBe("a=1, b=2");
        expect(await repeated.body.text()).toBe("ok");
      });

      for (const status of [200, 201, 204, 304, 400, 403, 404, 409, 500, 503]) {
        it(`resolves status ${status}`, async () => {
          const response = await send(`/status/${status}`);
          expect(response.statusCode).toBe(status);
          const text = await response.body.text();
          expect(text).toBe(status === 204 || status === 304 ? "" : `status ${status}`);
        });
      }
    });

    describe("request bodies", () => {
      const text = "héllo, wörld ✓ — oss-kit";
      const bytes = new TextEncoder().encode(text);
      const stream = () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(bytes.subarray(0, 3));
            c.enqueue(bytes.subarray(3));
            c.close();
          },
        });
      const kinds: Array<[string, () => RequestBody | Promise<RequestBody>]> = [
        ["a string (UTF-8)", () => toRequestBody(text)],
        ["a Uint8Array", () => toRequestBody(bytes)],
        ["a Buffer", () => toRequestBody(Buffer.from(bytes))],
        ["an ArrayBuffer", () => toRequestBody(bytes.slice().buffer)],
        ["a DataView", () => toRequestBody(new DataView(bytes.slice().buffer))],
        ["a Blob", () => toRequestBody(new Blob([bytes]))],
        ["a web ReadableStream", () => toRequestBody(stream())],
        [
          "a web ReadableStream of known length",
          () => toRequestBody(stream(), { length: bytes.length }),
        ],
        [
          "a Node Readable",
          () =>
            toRequestBody(
              Readable.from([Buffer.from(bytes.subarray(0, 4)), Buffer.from(bytes.subarray(4))]),
            ),
        ],
        [
          "an async generator",
          () =>
            toRequestBody(
              (async function* () {
                yield bytes.subarray(0, 1);
                yield bytes.subarray(1);
              })(),
            ),
        ],
        [
          "a file range",
          async () => {
            const path = join(dir, "range.txt");
            await writeFile(path, Buffer.concat([Buffer.from("xxxxx"), bytes, Buffer.from("yyy")]));
            return fileBody(path, { start: 5, end: 5 + bytes.length });
          },
        ],
      ];
      for (const [kind, make] of kinds) {
        it(`sends ${kind}`, async () => {
          const body = await make();
          const response = await send("/echo", { method: "PUT", body });
          expect(response.statusCode).toBe(200);
          expect(response.headers["x-body-length"]).toBe(String(bytes.length));
          if (body.length !== undefined) {
            expect(echoed(response)["content-length"]).toBe(String(bytes.length));
          }
          expect(await response.body.text()).toBe(text);
        });
      }

      it("sends an empty body with content-length 0", async () => {
        const response = await send("/echo", { method: "PUT", body: toRequestBody("") });
        expect(response.headers["x-body-length"]).toBe("0");
        expect(echoed(response)["content-length"]).toBe("0");
        await response.body.discard();
      });

      it("re-opens re-openable bodies, so a retry resends the same bytes", async () => {
        for (const body of [
          toRequestBody(bytes),
          toRequestBody(new Blob([bytes])),
          await kinds[10]![1](),
        ]) {
          expect(body.oneShot).toBe(false);
          for (let attempt = 0; attempt < 2; attempt++) {
            const response = await send("/echo", { method: "POST", body });
            expect(await response.body.text()).toBe(text);
          }
        }
      });

      it("refuses to send a one-shot body twice, before any I/O", async () => {
        const body = toRequestBody(stream());
        expect(body.oneShot).toBe(true);
        expect(await (await send("/echo", { method: "PUT", body })).body.text()).toBe(text);
        const before = stats.requests;
        const error = await rejection(send("/echo", { method: "PUT", body }));
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({ field: "body" });
        expect(stats.requests).toBe(before);
      });

      it("streams a 32 MiB file range up, reporting monotonic progress to the total", async () => {
        const path = join(dir, "large.bin");
        const data = Buffer.alloc(34 * MiB);
        for (let i = 0; i < data.length; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
        await writeFile(path, data);
        const start = MiB + 3;
        const end = start + 32 * MiB;
        const expected = createHash("sha256");
        for await (const chunk of createReadStream(path, { start, end: end - 1 })) {
          expected.update(chunk as Buffer);
        }
        const events: TransferProgress[] = [];
        const response = await send("/hash", {
          method: "PUT",
          body: await fileBody(path, { start, end }),
          onUploadProgress: (p) => events.push(p),
        });
        expect(await response.body.text()).toBe(
          JSON.stringify({ bytes: 32 * MiB, sha256: expected.digest("hex") }),
        );
        expect(events.length).toBeGreaterThanOrEqual(16);
        monotonic(events);
        expect(events.at(-1)).toEqual({ loaded: 32 * MiB, total: 32 * MiB });
        expect(events.every((e) => e.total === 32 * MiB)).toBe(true);
      }, 60_000);

      it("reports upload progress of a one-shot stream without a known total", async () => {
        const events: TransferProgress[] = [];
        const response = await send("/echo", {
          method: "PUT",
          body: toRequestBody(stream()),
          onUploadProgress: (p) => events.push(p),
        });
        await response.body.discard();
        expect(events.at(-1)).toEqual({ loaded: bytes.length, total: undefined });
      });
    });

    describe("response bodies", () => {
      it("streams a 5 MB download, reporting monotonic progress to the total", async () => {
        const n = 5_000_000;
        const events: TransferProgress[] = [];
        const response = await send(`/bytes/${n}`, { onDownloadProgress: (p) => events.push(p) });
        const reader = response.body.stream().getReader();
        let at = 0;
        let same = true;
        const expected = patternBytes(n);
        while (true) {
          const next = await reader.read();
          if (next.done) break;
          for (let i = 0; i < next.value.length; i++) {
            if (next.value[i] !== expected[at + i]) same = false;
          }
          at += next.value.length;
        }
        expect(at).toBe(n);
        expect(same).toBe(true);
        expect(events.length).toBeGreaterThan(1);
        monotonic(events);
        expect(events.at(-1)).toEqual({ loaded: n, total: n });
      });

      it("reads a body once: a second read throws a ValidationError", async () => {
        const response = await send("/echo", { method: "PUT", body: toRequestBody("abc") });
        expect(await response.body.text()).toBe("abc");
        await expect(response.body.bytes()).rejects.toBeInstanceOf(ValidationError);
        await expect(response.body.text()).rejects.toThrow(/already read with text\(\)/);
        expect(() => response.body.stream()).toThrow(ValidationError);
        await expect(response.body.discard()).rejects.toBeInstanceOf(ValidationError);
      });

      it("discards a body, small or large", async () => {
        await (await send("/bytes/100")).body.discard();
        await (await send(`/bytes/${4 * MiB}`)).body.discard();
        const after = await send("/echo", { method: "PUT", body: toRequestBody("still fine") });
        expect(await after.body.text()).toBe("still fine");
      });
    });

    describe("abort", () => {
      it("rejects at once with AbortError (cause: the reason) when already aborted, sending nothing", async () => {
        const controller = new AbortController();
        controller.abort("changed my mind");
        const before = stats.requests;
        const error = await rejection(send("/echo", { signal: controller.signal }));
        expect(error).toBeInstanceOf(AbortError);
        expect((error as Error).cause).toBe("changed my mind");
        expect(stats.requests).toBe(before);
      });

      it(
        "aborts a request waiting for its response",
        async () => {
          const controller = new AbortController();
          const reason = new Error("user cancelled");
          setTimeout(() => controller.abort(reason), 50);
          const error = await rejection(
            send("/slow-headers?ms=60000", { signal: controller.signal }),
          );
          expect(error).toBeInstanceOf(AbortError);
          expect((error as Error).cause).toBe(reason);
        },
        SLOW,
      );

      it(
        "aborts a response body being read",
        async () => {
          const controller = new AbortController();
          const response = await send("/stall", { signal: controller.signal });
          expect(response.statusCode).toBe(200);
          setTimeout(() => controller.abort("stop"), 50);
          const error = await rejection(response.body.text());
          expect(error).toBeInstanceOf(AbortError);
          expect((error as Error).cause).toBe("stop");
        },
        SLOW,
      );
    });

    describe("timeouts", () => {
      it(
        "idle: fails a body that stalls mid-way with TimeoutError('idle')",
        async () => {
          const response = await send("/stall", { timeouts: { idleMs: 100 } });
          expect(response.statusCode).toBe(200);
          await expectTimeout(response.body.text(), "idle", 100);
        },
        SLOW,
      );

      it(
        "idle: fails a response whose headers do not come with TimeoutError('idle')",
        async () => {
          await expectTimeout(
            send("/slow-headers?ms=60000", { timeouts: { idleMs: 100 } }),
            "idle",
            100,
          );
        },
        SLOW,
      );

      it(
        "total: bounds the wait for the response with TimeoutError('total')",
        async () => {
          await expectTimeout(
            send("/slow-headers?ms=60000", { timeouts: { totalMs: 100, idleMs: 0 } }),
            "total",
            100,
          );
        },
        SLOW,
      );

      it(
        "uses the transport's timeouts, overridden per request",
        async () => {
          const strict = makeTransport({ timeouts: { idleMs: 80 } });
          try {
            await expectTimeout(
              strict.send({ method: "GET", url: url("/never"), headers: {} }),
              "idle",
              80,
            );
            const lenient = strict.send({
              method: "GET",
              url: url("/slow-headers?ms=300"),
              headers: {},
              timeouts: { idleMs: 5_000 },
            });
            expect(await (await lenient).body.text()).toBe("late");
          } finally {
            await strict.close();
          }
        },
        SLOW,
      );

      it("does not time out a response that arrives in time", async () => {
        const response = await send("/slow-headers?ms=20", {
          timeouts: { idleMs: 5_000, totalMs: 5_000, connectMs: 5_000 },
        });
        expect(await response.body.text()).toBe("late");
      });
    });

    describe("network failures", () => {
      it(
        "fails a connection reset mid-response with RequestError",
        async () => {
          const response = await send("/reset");
          expect(response.statusCode).toBe(200);
          const error = await rejection(response.body.text());
          expect(error).toBeInstanceOf(RequestError);
          expect(error).not.toBeInstanceOf(TimeoutError);
          expect((error as Error).cause).toBeDefined();
        },
        SLOW,
      );

      it("fails a network error before any response with RequestError", async () => {
        const error = await rejection(send("/network-error"));
        expect(error).toBeInstanceOf(RequestError);
        expect((error as Error).cause).toBeDefined();
      });

      socketIt?.("fails a refused connection with RequestError, keeping the cause", async () => {
        const port = await closedPort();
        const error = await rejection(
          transport.send({ method: "GET", url: `http://127.0.0.1:${port}/`, headers: {} }),
        );
        expect(error).toBeInstanceOf(RequestError);
        expect(error).not.toBeInstanceOf(TimeoutError);
        expect((error as Error).cause).toBeDefined();
        expect((error as Error).message).toMatch(/ECONNREFUSED|refused|failed/i);
      });

      socketIt?.(
        "idle: fails an upload the server stops reading with TimeoutError('idle')",
        async () => {
          const chunk = new Uint8Array(64 * 1024);
          async function* endless() {
            for (let i = 0; i < 4096; i++) yield chunk; // 256 MiB at most; stalls long before
          }
          await expectTimeout(
            send("/never", {
              method: "PUT",
              body: toRequestBody(endless()),
              timeouts: { idleMs: 300 },
            }),
            "idle",
            300,
          );
        },
        30_000,
      );
    });

    describe("validation, before any I/O", () => {
      const cases: Array<[string, Partial<Parameters<Transport["send"]>[0]>, string]> = [
        ["a relative URL", { url: "/relative" }, "url"],
        ["a non-HTTP URL", { url: "ftp://127.0.0.1/x" }, "url"],
        ["a method with a space", { method: "GE T" }, "method"],
        ["a CONNECT method", { method: "CONNECT" }, "method"],
        ["a header name with a colon", { headers: { "x:y": "1" } }, "headers.x:y"],
        ["a header value with a line break", { headers: { "x-a": "1\r\nx-b: 2" } }, "headers.x-a"],
        ["a negative timeout", { timeouts: { idleMs: -1 } }, "timeouts.idleMs"],
        ["a NaN timeout", { timeouts: { totalMs: Number.NaN } }, "timeouts.totalMs"],
        [
          "a string timeout",
          { timeouts: { connectMs: "5" as unknown as number } },
          "timeouts.connectMs",
        ],
        ["a raw string body", { method: "PUT", body: "text" as unknown as RequestBody }, "body"],
        ["a body on GET", { method: "GET", body: toRequestBody("x") }, "body"],
        [
          "a content-length that disagrees with the body",
          { method: "PUT", headers: { "Content-Length": "3" }, body: toRequestBody("four") },
          "headers.content-length",
        ],
        ["a signal that is not one", { signal: {} as AbortSignal }, "signal"],
      ];
      for (const [what, request, field] of cases) {
        it(`rejects ${what} (field ${field})`, async () => {
          const before = stats.requests;
          const error = await rejection(
            transport.send({ method: "GET", url: url("/echo"), headers: {}, ...request }),
          );
          expect(error).toBeInstanceOf(ValidationError);
          expect(error).toMatchObject({ field });
          expect(stats.requests).toBe(before);
        });
      }

      it("rejects bad transport timeouts when the transport is made", () => {
        expect(() => makeTransport({ timeouts: { connectMs: -5 } })).toThrow(ValidationError);
        expect(() => makeTransport({ timeouts: { idleMs: Number.POSITIVE_INFINITY } })).toThrow(
          /timeouts\.idleMs/,
        );
      });
    });
  });
}
