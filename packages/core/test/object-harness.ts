/**
 * Shared msw harness for the object operation tests (`src/operations/object-*.test.ts`): one
 * server per test file, a recorder that answers every request, a client with near-zero retry
 * delays, and helpers for OSS-shaped responses.
 */
import { ValidationError } from "@oss-kit/errors";
import { fetchTransport } from "@oss-kit/transport";
import { XMLParser } from "fast-xml-parser";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { OssClient } from "../src/client";
import { standardRetryPolicy } from "../src/retry";
import { credentials, errorXml, REGION, type SeenRequest, seen } from "./oss-mock";

export const REQUEST_ID = "65C0FFEE0000000000000001";

/** Starts an msw server for this test file and returns a recorder. */
export function useOssServer(): {
  record: (respond: (req: SeenRequest, n: number) => Response | Promise<Response>) => SeenRequest[];
} {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    record(respond) {
      const requests: SeenRequest[] = [];
      server.use(
        http.all(/.*/, async ({ request }) => {
          const req = await seen(request);
          requests.push(req);
          return respond(req, requests.length);
        }),
      );
      return requests;
    },
  };
}

const noWait = standardRetryPolicy({ baseDelayMs: 1, maxDelayMs: 5 });

/** A V4 client on the test region, retrying with tiny delays. */
export const client = (extra: Record<string, unknown> = {}): OssClient =>
  new OssClient({
    region: REGION,
    credentials,
    transport: fetchTransport(),
    retry: noWait,
    ...extra,
  });

/** A success response with a request id. */
export const ok = (
  headers: Record<string, string> = {},
  body: BodyInit | null = null,
  status = 200,
): Response =>
  new HttpResponse(body, {
    status,
    headers: { "x-oss-request-id": REQUEST_ID, ...headers },
  });

/** An OSS XML error response. */
export const failure = (
  status: number,
  code: string,
  message: string,
  ec: string,
  headers: Record<string, string> = {},
): Response =>
  new HttpResponse(errorXml(code, message, "5C3D8D2A0ACA54D87B430000", ec), {
    status,
    headers: {
      "content-type": "application/xml",
      "x-oss-request-id": "5C3D8D2A0ACA54D87B430000",
      "x-oss-ec": ec,
      ...headers,
    },
  });

/** A HEAD error: no body, the error document base64-encoded in `x-oss-err`. */
export const headFailure = (status: number, code: string, message: string, ec: string): Response =>
  new HttpResponse(null, {
    status,
    headers: {
      "x-oss-request-id": "5C3D8D2A0ACA54D87B430000",
      "x-oss-ec": ec,
      "x-oss-err": Buffer.from(errorXml(code, message, "5C3D8D2A0ACA54D87B430000", ec)).toString(
        "base64",
      ),
    },
  });

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** A lenient server's entity decoding: control-character references (`&#x01;`) are kept. */
function decodeEntities(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (whole, hex, dec, name) =>
    hex || dec
      ? String.fromCodePoint(Number.parseInt(hex ?? dec, hex ? 16 : 10))
      : (ENTITIES[name] ?? whole),
  );
}

const bodyParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  tagValueProcessor: (_name, value) => decodeEntities(value),
  isArray: (_name, jpath) => ["Delete.Object", "Tagging.TagSet.Tag"].includes(jpath as string),
});

/** Parses a request's XML body back, as a lenient server would (character references decoded). */
export function parseBody(req: SeenRequest): Record<string, unknown> {
  return bodyParser.parse(new TextDecoder().decode(req.body)) as Record<string, unknown>;
}

/** The request body as text. */
export const bodyText = (req: SeenRequest): string => new TextDecoder().decode(req.body);

/** Expects a call to fail with a `ValidationError` naming `field`. */
export async function expectInvalid(call: Promise<unknown>, field: string): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).field).toBe(field);
}

/** Keys with every awkward character class: `/`, space, `+`, `%`, `?`, `#`, `&`, non-ASCII. */
export const AWKWARD_KEYS: readonly string[] = [
  "dir/sub dir/a b+c%20d?e#f&g=h.txt",
  "日本語/ファイル名 (1).png",
  "emoji/😀+%2F~!*'();:@$,[]{}.bin",
  "café/naïve résumé.txt",
];
