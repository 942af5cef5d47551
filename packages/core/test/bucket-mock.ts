import { SignerV1 } from "@oss-kit/signer";
import { fetchTransport } from "@oss-kit/transport";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { OssClient } from "../src/client";
import { contentMd5 } from "../src/md5";
import { standardRetryPolicy } from "../src/retry";
import { parseXml, type XmlNode } from "../src/xml";
import { credentials, REGION, type SeenRequest, seen, signatureMatches } from "./oss-mock";

/** The request id every successful mock response carries. */
export const REQUEST_ID = "534B371674E88A4D8906****";

/** A client on msw's fetch, retrying without waiting. */
export function client(extra: Record<string, unknown> = {}): OssClient {
  return new OssClient({
    region: REGION,
    credentials,
    transport: fetchTransport(),
    retry: standardRetryPolicy({ baseDelayMs: 1, maxDelayMs: 5 }),
    ...extra,
  });
}

/** An OSS response: status, headers (with a request id and a Date), body. */
export function reply(
  status: number,
  body: string | null = null,
  headers: Record<string, string> = {},
) {
  return new HttpResponse(body, {
    status,
    headers: {
      "x-oss-request-id": REQUEST_ID,
      date: "Fri, 24 Feb 2017 03:15:40 GMT",
      ...(body ? { "content-type": "application/xml" } : {}),
      ...headers,
    },
  });
}

/** An OSS error response: the documented XML, with `x-oss-ec` when it has an EC. */
export function errorReply(status: number, xml: string) {
  const ec = /<EC>([^<]+)<\/EC>/.exec(xml)?.[1];
  const id = /<RequestId>([^<]+)<\/RequestId>/.exec(xml)?.[1] ?? REQUEST_ID;
  return reply(status, xml, { "x-oss-request-id": id, ...(ec ? { "x-oss-ec": ec } : {}) });
}

/** Starts an msw server for a test file; `record` installs a handler that keeps every request. */
export function mockOss() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    record(respond: (req: SeenRequest, n: number) => Response | Promise<Response>): SeenRequest[] {
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

/** The body as text. */
export function bodyText(req: SeenRequest): string {
  return new TextDecoder().decode(req.body);
}

/**
 * Checks what every request with an XML body must have (`Content-Type: application/xml`, a
 * correct `Content-MD5`, a matching V4 signature) and returns the body parsed.
 */
export async function xmlBodyOf(
  req: SeenRequest,
  arrays: readonly string[] = [],
): Promise<{ root: string; node: XmlNode }> {
  expect(req.headers["content-type"]).toBe("application/xml");
  expect(req.headers["content-md5"]).toBe(contentMd5(req.body));
  expect(req.headers["content-length"]).toBe(String(req.body.length));
  expect(await signatureMatches(req)).toBe(true);
  return parseXml(bodyText(req), arrays);
}

/**
 * Re-signs a V1 request as OSS would, with the sub-resources OSS signs for it; returns whether
 * the signature matches and the string that was signed.
 */
export async function v1Signature(
  req: SeenRequest,
  subResources: readonly string[],
): Promise<{ matches: boolean; stringToSign: string }> {
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.date;
  const signed = await new SignerV1().sign(
    { method: req.method, bucket: req.bucket, key: req.key, query: req.query, headers },
    { credentials, time: new Date(req.headers.date ?? ""), subResources },
  );
  return {
    matches: signed.authorization === req.headers.authorization,
    stringToSign: signed.stringToSign,
  };
}
