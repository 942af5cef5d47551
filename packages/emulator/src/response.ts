import type { OssServiceFault } from "./errors";
import { base64Text, httpDate } from "./util";
import { buildXml, type XmlNode } from "./xml";

/** Per-request facts every response needs. */
export interface ResponseContext {
  /** The request id sent as `x-oss-request-id` and `<RequestId>`. */
  requestId: string;
  /** The Host the request went to, for `<HostId>`. */
  hostId: string;
  /** Whether the request is a HEAD (errors then go into `x-oss-err`). */
  head: boolean;
}

/** Headers every OSS response carries. */
export function commonHeaders(ctx: ResponseContext): Headers {
  return new Headers({
    server: "AliyunOSS",
    date: httpDate(new Date()),
    "x-oss-request-id": ctx.requestId,
    "x-oss-server-time": "0",
  });
}

/** A response with the common headers plus `headers`, and an optional body. */
export function reply(
  ctx: ResponseContext,
  status: number,
  headers: Record<string, string | undefined> = {},
  body?: BodyInit | null,
): Response {
  const all = commonHeaders(ctx);
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) all.set(name, value);
  }
  if (typeof body === "string" && !all.has("content-length")) {
    all.set("content-length", String(new TextEncoder().encode(body).length));
  }
  return new Response(ctx.head || status === 204 || status === 304 ? null : (body ?? null), {
    status,
    headers: all,
  });
}

/** A `200` XML response. */
export function replyXml(
  ctx: ResponseContext,
  document: XmlNode,
  headers: Record<string, string | undefined> = {},
): Response {
  return reply(ctx, 200, { "content-type": "application/xml", ...headers }, buildXml(document));
}

/** The XML document of an error (wire notes §E.1). */
export function errorDocument(ctx: ResponseContext, fault: OssServiceFault): string {
  return buildXml({
    Error: {
      Code: fault.code,
      Message: fault.message,
      RequestId: ctx.requestId,
      HostId: ctx.hostId,
      ...fault.extra,
      EC: fault.ec,
      RecommendDoc: `https://api.aliyun.com/troubleshoot?q=${fault.ec}`,
    },
  });
}

/** An error response: XML body, or for HEAD no body and the document in `x-oss-err`. */
export function replyError(ctx: ResponseContext, fault: OssServiceFault): Response {
  const document = errorDocument(ctx, fault);
  const headers: Record<string, string> = {
    "content-type": "application/xml",
    "x-oss-ec": fault.ec,
    ...fault.headers,
  };
  if (ctx.head) headers["x-oss-err"] = base64Text(document);
  return reply(ctx, fault.status, headers, document);
}
