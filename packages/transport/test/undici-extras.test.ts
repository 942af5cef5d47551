import { RequestError, TimeoutError, ValidationError } from "@oss-kit/errors";
import {
  type LoopbackServer,
  type ProxyServer,
  startLoopbackServer,
  startProxyServer,
  transportHandlers,
} from "@oss-kit/test-utils";
import { Agent, buildConnector, type Dispatcher, errors, MockAgent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultTransport, type Transport, toRequestBody, undiciTransport } from "../src/index";

let server: LoopbackServer;
let other: LoopbackServer;
let proxy: ProxyServer;
const open: Transport[] = [];
const make = (options: Parameters<typeof undiciTransport>[0] = {}): Transport => {
  const transport = undiciTransport(options);
  open.push(transport);
  return transport;
};

beforeAll(async () => {
  server = await startLoopbackServer(transportHandlers().handlers);
  other = await startLoopbackServer(transportHandlers().handlers);
  proxy = await startProxyServer();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
  proxy.seen.length = 0;
});
afterAll(async () => {
  await Promise.all([server.close(), other.close(), proxy.close()]);
});

const get = async (transport: Transport, url: string): Promise<string> =>
  (await transport.send({ method: "GET", url, headers: {} })).body.text();

describe("undiciTransport", () => {
  it("is the default transport of the node entry", async () => {
    const transport = defaultTransport();
    open.push(transport);
    expect(transport.name).toBe("undici");
  });

  it("reuses one keep-alive connection for sequential requests", async () => {
    const fresh = await startLoopbackServer(transportHandlers().handlers);
    try {
      const transport = make();
      for (let i = 0; i < 4; i++) {
        const response = await transport.send({
          method: "PUT",
          url: `${fresh.url}/echo`,
          headers: {},
          body: toRequestBody(`request ${i}`),
        });
        expect(await response.body.text()).toBe(`request ${i}`);
      }
      expect(fresh.connections).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it("fails a slow connect with TimeoutError('connect') (slow connector injected: loopback connects at once)", async () => {
    const connect = buildConnector({});
    const slow: buildConnector.connector = (options, callback) => {
      setTimeout(() => connect(options, callback), 300);
    };
    const transport = make({ timeouts: { connectMs: 50 }, agentOptions: { connect: slow } });
    const error = await transport
      .send({ method: "GET", url: `${server.url}/echo`, headers: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeout: "connect", timeoutMs: 50 });
    // A per-request connectMs applies too, and a connect in time succeeds.
    const ok = make({ agentOptions: { connect: slow } });
    const late = await ok
      .send({ method: "GET", url: `${server.url}/echo`, headers: {}, timeouts: { connectMs: 100 } })
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ timeout: "connect", timeoutMs: 100 });
    expect(await get(ok, `${server.url}/status/200`)).toBe("status 200");
  });

  it("maps undici's own connect timeout to TimeoutError('connect') with its cause", async () => {
    const failing: buildConnector.connector = (_options, callback) => {
      callback(new errors.ConnectTimeoutError(), null);
    };
    const transport = make({ timeouts: { connectMs: 1234 }, agentOptions: { connect: failing } });
    const error = await transport
      .send({ method: "GET", url: `${server.url}/echo`, headers: {} })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ timeout: "connect", timeoutMs: 1234 });
    expect((error as Error).cause).toBeInstanceOf(errors.ConnectTimeoutError);
  });

  it("sends through a user-supplied Dispatcher, and leaves it open on close()", async () => {
    const agent = new Agent();
    let dispatched = 0;
    const counting = agent.compose((dispatch: Dispatcher.Dispatch) => (options, handler) => {
      dispatched++;
      return dispatch(options, handler);
    });
    const transport = undiciTransport({ dispatcher: counting });
    expect(await get(transport, `${server.url}/status/200`)).toBe("status 200");
    expect(dispatched).toBe(1);
    await transport.close();
    expect(agent.closed).toBe(false);
    await agent.close();
  });

  it("works with undici's MockAgent as the dispatcher", async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get("http://oss-kit.test")
      .intercept({ path: "/mocked", method: "GET" })
      .reply(203, "from MockAgent", {
        headers: { "X-Mocked": "yes" },
      });
    const transport = undiciTransport({ dispatcher: mock });
    const response = await transport.send({
      method: "GET",
      url: "http://oss-kit.test/mocked",
      headers: {},
    });
    expect(response.statusCode).toBe(203);
    expect(response.headers["x-mocked"]).toBe("yes");
    expect(await response.body.text()).toBe("from MockAgent");
    await mock.close();
  });

  it("refuses a dispatcher together with proxy or agent options", () => {
    const agent = new Agent();
    expect(() => undiciTransport({ dispatcher: agent, proxy: proxy.url })).toThrow(ValidationError);
    expect(() => undiciTransport({ dispatcher: agent, agentOptions: {} })).toThrow(ValidationError);
    expect(() => undiciTransport({ proxy: "not a url" })).toThrow(ValidationError);
    expect(() => undiciTransport({ proxy: "ftp://127.0.0.1:1" })).toThrow(/proxy/);
    expect(() => undiciTransport({ connections: 0 })).toThrow(/connections/);
    return agent.close();
  });

  it("fails requests after close() with RequestError", async () => {
    const transport = undiciTransport();
    await transport.close();
    const error = await transport
      .send({ method: "GET", url: `${server.url}/echo`, headers: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
  });

  it("fails the request with RequestError when a progress callback throws", async () => {
    const transport = make();
    const error = await transport
      .send({
        method: "PUT",
        url: `${server.url}/echo`,
        headers: {},
        body: toRequestBody("abc"),
        onUploadProgress: () => {
          throw new Error("callback bug");
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).cause).toMatchObject({ message: "callback bug" });
  });
});

describe("undiciTransport proxies", () => {
  const saved: Record<string, string | undefined> = {};
  const names = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"];
  beforeAll(() => {
    for (const name of names) saved[name] = process.env[name];
  });
  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  const through = (target: LoopbackServer) =>
    proxy.seen.filter((line) => line.includes(new URL(target.url).host)).length;

  it("sends through an HTTP proxy given by URL", async () => {
    const transport = make({ proxy: proxy.url });
    const response = await transport.send({
      method: "PUT",
      url: `${server.url}/echo`,
      headers: {},
      body: toRequestBody("via proxy"),
    });
    expect(await response.body.text()).toBe("via proxy");
    expect(through(server)).toBe(1);
  });

  it("honours explicit proxy settings, with NO_PROXY bypassing listed hosts", async () => {
    const transport = make({
      proxy: { httpProxy: proxy.url, noProxy: new URL(server.url).host },
    });
    expect(await get(transport, `${server.url}/status/200`)).toBe("status 200");
    expect(await get(transport, `${other.url}/status/201`)).toBe("status 201");
    expect(through(server)).toBe(0);
    expect(through(other)).toBe(1);
  });

  it('reads HTTP_PROXY and NO_PROXY only with proxy: "env"', async () => {
    for (const name of names) delete process.env[name];
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = new URL(other.url).host;
    const plain = make();
    expect(await get(plain, `${server.url}/status/200`)).toBe("status 200");
    expect(proxy.seen).toHaveLength(0);

    const fromEnv = make({ proxy: "env" });
    expect(await get(fromEnv, `${server.url}/status/200`)).toBe("status 200");
    expect(await get(fromEnv, `${other.url}/status/200`)).toBe("status 200");
    expect(through(server)).toBe(1);
    expect(through(other)).toBe(0);
  });
});
