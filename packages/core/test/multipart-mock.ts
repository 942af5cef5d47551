import { SignerV4 } from "@oss-kit/signer";
import { fetchTransport } from "@oss-kit/transport";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { OssClient } from "../src/client";
import { standardRetryPolicy } from "../src/retry";
import { credentials, REGION, type SeenRequest, seen } from "./oss-mock";

/** An msw server for one test file, listening for the whole file; handlers reset after each test. */
export function mockServer(): ReturnType<typeof setupServer> {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A client against the mock: fetch transport, tiny retry delays. */
export function mockClient(extra: Record<string, unknown> = {}): OssClient {
  return new OssClient({
    region: REGION,
    credentials,
    transport: fetchTransport(),
    retry: standardRetryPolicy({ baseDelayMs: 1, maxDelayMs: 5 }),
    ...extra,
  });
}

/** A response with a request ID. */
export function ok(
  headers: Record<string, string> = {},
  body: BodyInit | null = null,
  status = 200,
): Response {
  return new HttpResponse(body, {
    status,
    headers: { "x-oss-request-id": "534B371674E88A4D8906FFFF", ...headers },
  });
}

/** An XML response. */
export function xml(body: string, headers: Record<string, string> = {}, status = 200): Response {
  return ok({ "content-type": "application/xml", ...headers }, body, status);
}

/** Records every request the server sees, answering with `respond`. */
export function record(
  server: ReturnType<typeof setupServer>,
  respond: (req: SeenRequest, n: number) => Response | Promise<Response>,
): SeenRequest[] {
  const requests: SeenRequest[] = [];
  server.use(
    http.all(/.*/, async ({ request }) => {
      const req = await seen(request);
      requests.push(req);
      return respond(req, requests.length);
    }),
  );
  return requests;
}

/** The request body as text. */
export function bodyText(req: SeenRequest): string {
  return new TextDecoder().decode(req.body);
}

/** The query parameter names as they appear on the wire, in order (`uploads` without `=`). */
export function rawQueryNames(req: SeenRequest): string[] {
  return req.url.search
    .slice(1)
    .split("&")
    .filter(Boolean)
    .map((pair) => pair.split("=")[0] ?? "");
}

/**
 * Checks a V4 presigned request the way OSS would: re-presigns what arrived (decoded key and
 * query, the received headers) at its `x-oss-date` for its `x-oss-expires`, and compares.
 */
export async function presignedSignatureMatches(req: SeenRequest): Promise<boolean> {
  const { "x-oss-date": date, "x-oss-expires": expires, "x-oss-signature": signature } = req.query;
  if (!date || !expires || !signature) return false;
  const time = new Date(
    `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
  );
  const presigned = await new SignerV4().presign(
    {
      method: req.method,
      bucket: req.bucket,
      key: req.key,
      query: req.query,
      headers: req.headers,
    },
    { credentials, region: REGION, time, expiresIn: Number(expires) },
  );
  return presigned.query["x-oss-signature"] === signature;
}
