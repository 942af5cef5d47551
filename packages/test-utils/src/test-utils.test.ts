import { request } from "node:http";
import { HttpResponse, http } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closedPort,
  patternBytes,
  startLoopbackServer,
  startProxyServer,
  transportHandlers,
} from "./index";
import { interceptFetch } from "./intercept";

/** A plain node:http request (never intercepted here: msw is only active in its own block). */
function get(
  url: string,
  options: { method?: string; body?: string; proxy?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const via = options.proxy ? new URL(options.proxy) : target;
    const req = request(
      {
        host: via.hostname,
        port: via.port,
        method: options.method ?? "GET",
        path: options.proxy ? target.href : `${target.pathname}${target.search}`,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("startLoopbackServer", () => {
  const { handlers, stats } = transportHandlers();
  let server: Awaited<ReturnType<typeof startLoopbackServer>>;
  beforeAll(async () => {
    server = await startLoopbackServer([
      ...handlers,
      http.get("*/thrower", () => {
        throw new Error("boom");
      }),
    ]);
  });
  afterAll(() => server.close());

  it("answers with the msw handlers over a real socket, streaming the request body", async () => {
    const res = await get(`${server.url}/echo`, { method: "PUT", body: "hello" });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe("hello");
    expect(res.headers["x-method"]).toBe("PUT");
    expect(stats.requests).toBeGreaterThan(0);
    expect(server.connections).toBeGreaterThan(0);
  });

  it("serves pattern bytes and repeated headers", async () => {
    const res = await get(`${server.url}/bytes/10`);
    expect(res.body.equals(patternBytes(10))).toBe(true);
    const headers = await get(`${server.url}/headers`);
    expect(headers.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(headers.headers["x-multi"]).toBe("a, b");
  });

  it("answers 404 when no handler matched, 500 when one threw", async () => {
    expect((await get(`${server.url}/nothing-here`)).status).toBe(404);
    expect((await get(`${server.url}/thrower`)).status).toBe(500);
  });

  it("destroys the socket for HttpResponse.error()", async () => {
    await expect(get(`${server.url}/network-error`)).rejects.toThrow();
  });

  it("forwards through the loopback proxy, and refuses other targets", async () => {
    const proxy = await startProxyServer();
    try {
      const res = await get(`${server.url}/echo`, { proxy: proxy.url });
      expect(res.status).toBe(200);
      expect(proxy.seen).toEqual([`GET ${server.url}/echo`]);
      const refused = await get("http://example.invalid/", { proxy: proxy.url });
      expect(refused.status).toBe(403);
    } finally {
      await proxy.close();
    }
  });

  it("finds a closed port", async () => {
    const port = await closedPort();
    await expect(get(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});

describe("interceptFetch", () => {
  it("answers the global fetch with the same handlers, erroring on unhandled requests", async () => {
    const mock = interceptFetch([http.get("*/hello", () => HttpResponse.text("hi"))]);
    try {
      const res = await fetch(`${mock.url}/hello`);
      expect(await res.text()).toBe("hi");
      await expect(fetch(`${mock.url}/other`)).rejects.toThrow();
    } finally {
      await mock.close();
    }
  });
});
