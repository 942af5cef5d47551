import { ValidationError } from "@oss-kit/errors";
import { type LoopbackServer, startLoopbackServer, transportHandlers } from "@oss-kit/test-utils";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type FetchFunction,
  fetchTransport,
  type TransferProgress,
  toRequestBody,
} from "../src/index";

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer(transportHandlers().handlers);
});
afterAll(() => server.close());

describe("fetchTransport", () => {
  it("calls an injected fetch", async () => {
    const calls: string[] = [];
    const counting: FetchFunction = (input, init) => {
      calls.push(`${init.method} ${input}`);
      return fetch(input, init);
    };
    const transport = fetchTransport({ fetch: counting });
    expect(transport.name).toBe("fetch");
    const response = await transport.send({
      method: "GET",
      url: `${server.url}/status/200`,
      headers: {},
    });
    expect(await response.body.text()).toBe("status 200");
    expect(calls).toEqual([`GET ${server.url}/status/200`]);
  });

  it("without streamed uploads (the browser default) sends content as is and reports progress once", async () => {
    const inits: RequestInit[] = [];
    const transport = fetchTransport({
      streamUploads: false,
      fetch: (input, init) => {
        inits.push(init);
        return fetch(input, init);
      },
    });
    const bytes = new TextEncoder().encode("no streaming here");
    const kinds = [
      toRequestBody(bytes),
      toRequestBody(new Blob([bytes])),
      toRequestBody(new Blob([bytes]).stream()),
    ];
    for (const body of kinds) {
      const events: TransferProgress[] = [];
      const response = await transport.send({
        method: "PUT",
        url: `${server.url}/echo`,
        headers: {},
        body,
        onUploadProgress: (p) => events.push(p),
      });
      expect(await response.body.text()).toBe("no streaming here");
      expect(events).toEqual([{ loaded: bytes.length, total: body.length }]);
    }
    expect(inits[0]?.body).toBe(bytes);
    expect(inits[1]?.body).toBeInstanceOf(Blob);
    expect(inits[2]?.body).toBeInstanceOf(Blob);
    expect(inits.every((init) => !("duplex" in init))).toBe(true);
  });

  it("streams uploads with duplex: 'half' when streaming", async () => {
    const inits: RequestInit[] = [];
    const transport = fetchTransport({
      streamUploads: true,
      fetch: (input, init) => {
        inits.push(init);
        return fetch(input, init);
      },
    });
    const response = await transport.send({
      method: "PUT",
      url: `${server.url}/echo`,
      headers: {},
      body: toRequestBody("streamed"),
    });
    expect(await response.body.text()).toBe("streamed");
    expect(inits[0]).toMatchObject({ duplex: "half" });
    expect(inits[0]?.body).toBeInstanceOf(ReadableStream);
  });

  it("returns redirects rather than following them", async () => {
    const transport = fetchTransport({
      fetch: async () => new Response(null, { status: 302, headers: { location: "/elsewhere" } }),
    });
    const response = await transport.send({
      method: "GET",
      url: "http://oss-kit.test/",
      headers: {},
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/elsewhere");
  });

  it("needs a fetch: refuses to be made without one, or with a non-function", () => {
    vi.stubGlobal("fetch", undefined);
    try {
      expect(() => fetchTransport()).toThrow(ValidationError);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(() => fetchTransport({ fetch: "no" as unknown as FetchFunction })).toThrow(/fetch/);
    expect(fetchTransport().name).toBe("fetch");
  });
});
