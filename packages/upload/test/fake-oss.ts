import { createHash } from "node:crypto";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  initiateMultipartUpload,
  listParts,
  OssClient,
  putObject,
  standardRetryPolicy,
  uploadPart,
} from "@oss-kit/core";
import { combineCrc64, crc64, formatCrc64 } from "@oss-kit/crc64";
import { fetchTransport } from "@oss-kit/transport";
import { HttpResponse, http } from "msw";
import { type SetupServer, setupServer } from "msw/node";
import type { MultipartClient } from "../src/index";

export const credentials = {
  accessKeyId: "LTAI5tTestKeyId0001",
  accessKeySecret: "test-secret-value",
};

/** A real `OssClient` (fetch transport, fast retries). */
export function ossClient(): OssClient {
  return new OssClient({
    region: "cn-hangzhou",
    credentials,
    transport: fetchTransport(),
    retry: standardRetryPolicy({ baseDelayMs: 1, maxDelayMs: 5 }),
  });
}

/**
 * The adapter from an `OssClient` of `@oss-kit/core` to the upload manager's `MultipartClient`:
 * the core's function forms fit the interface as they are.
 */
export function multipartClient(client: OssClient): MultipartClient {
  return {
    putObject: (input, options) => putObject(client, input, options),
    initiateMultipartUpload: (input, options) => initiateMultipartUpload(client, input, options),
    uploadPart: (input, options) => uploadPart(client, input, options),
    completeMultipartUpload: (input, options) => completeMultipartUpload(client, input, options),
    abortMultipartUpload: (input, options) => abortMultipartUpload(client, input, options),
    listParts: (input, options) => listParts(client, input, options),
  };
}

interface StoredPart {
  data: Uint8Array;
  etag: string;
  crc: bigint;
}

interface MultipartState {
  bucket: string;
  key: string;
  headers: Record<string, string>;
  parts: Map<number, StoredPart>;
}

/** Faults the fake server injects. */
export interface Faults {
  /** Part numbers answered once with 500 (then served normally). */
  failPartOnce: Set<number>;
  /** Part numbers whose CRC header is wrong (every time). */
  wrongCrcPart: Set<number>;
  /** Answer CompleteMultipartUpload with a wrong whole-object CRC. */
  wrongCompleteCrc: boolean;
  /** Delay every UploadPart by this many ms. */
  partDelayMs: number;
  /** Fail every UploadPart with 503 from this part number on (simulates a crash). */
  failPartsFrom: number | undefined;
}

const xml = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { "Content-Type": "application/xml", "x-oss-request-id": "REQ", ...headers },
  });

const error = (status: number, code: string) =>
  xml(
    `<Error><Code>${code}</Code><Message>${code}</Message><RequestId>REQ</RequestId><HostId>h</HostId><EC>0000-00000000</EC></Error>`,
    status,
  );

/** An in-memory OSS answering PutObject and the multipart calls, with fault injection. */
export class FakeOss {
  readonly objects = new Map<string, { data: Uint8Array; headers: Record<string, string> }>();
  readonly uploads = new Map<string, MultipartState>();
  /** Bytes received by UploadPart, per part number (all uploads). */
  readonly partBytes = new Map<number, number>();
  /** Operation names in order. */
  readonly calls: string[] = [];
  readonly faults: Faults = {
    failPartOnce: new Set(),
    wrongCrcPart: new Set(),
    wrongCompleteCrc: false,
    partDelayMs: 0,
    failPartsFrom: undefined,
  };
  /** Part numbers answered once with this status (and a `Retry-After: 0` on 429). */
  statusOnce = new Map<number, number>();
  /** Part numbers that fail with 503 after 100 ms, every time (a crash-like interruption). */
  failing = new Set<number>();
  /** Bytes of parts received and stored (for memory measurements). */
  receivedBytes = 0;
  #next = 1;
  readonly server: SetupServer;

  constructor() {
    this.server = setupServer(http.all(/aliyuncs\.com/, ({ request }) => this.#handle(request)));
  }

  listen(): void {
    this.server.listen({ onUnhandledRequest: "error" });
  }

  close(): void {
    this.server.close();
  }

  reset(): void {
    this.objects.clear();
    this.uploads.clear();
    this.partBytes.clear();
    this.calls.length = 0;
    this.receivedBytes = 0;
    this.faults.failPartOnce.clear();
    this.faults.wrongCrcPart.clear();
    this.faults.wrongCompleteCrc = false;
    this.faults.partDelayMs = 0;
    this.faults.failPartsFrom = undefined;
    this.failing = new Set();
    this.statusOnce.clear();
  }

  /** The stored object's bytes. */
  object(bucket: string, key: string): Uint8Array | undefined {
    return this.objects.get(`${bucket}/${key}`)?.data;
  }

  /** Bytes sent by UploadPart, all parts. */
  sentPartBytes(): number {
    let n = 0;
    for (const v of this.partBytes.values()) n += v;
    return n;
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const bucket = url.hostname.split(".")[0] as string;
    const key = decodeURIComponent(url.pathname.slice(1));
    const q = url.searchParams;
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const body = new Uint8Array(await request.arrayBuffer());
    const uploadId = q.get("uploadId");
    if (request.method === "PUT" && uploadId === null) {
      this.calls.push("PutObject");
      this.objects.set(`${bucket}/${key}`, { data: body, headers });
      return new HttpResponse(null, {
        status: 200,
        headers: { ETag: `"${md5(body)}"`, "x-oss-hash-crc64ecma": formatCrc64(crc64(body)) },
      });
    }
    if (request.method === "POST" && q.has("uploads")) {
      this.calls.push("InitiateMultipartUpload");
      const id = `UPLOAD${this.#next++}`;
      this.uploads.set(id, { bucket, key, headers, parts: new Map() });
      return xml(
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    const upload = uploadId === null ? undefined : this.uploads.get(uploadId);
    if (request.method === "PUT") {
      const n = Number(q.get("partNumber"));
      this.calls.push(`UploadPart ${n}`);
      if (this.faults.partDelayMs > 0)
        await new Promise((r) => setTimeout(r, this.faults.partDelayMs));
      if (upload === undefined) return error(404, "NoSuchUpload");
      const once = this.statusOnce.get(n);
      if (once !== undefined) {
        this.statusOnce.delete(n);
        const response = error(once, once === 429 ? "TooManyRequests" : "ServiceUnavailable");
        if (once === 429) response.headers.set("Retry-After", "0");
        return response;
      }
      if (this.failing.has(n)) {
        await new Promise((r) => setTimeout(r, 100));
        return error(503, "ServiceUnavailable");
      }
      if (this.faults.failPartsFrom !== undefined && n >= this.faults.failPartsFrom) {
        return error(503, "ServiceUnavailable");
      }
      this.partBytes.set(n, (this.partBytes.get(n) ?? 0) + body.byteLength);
      if (this.faults.failPartOnce.delete(n)) return error(500, "InternalError");
      const crc = crc64(body);
      const etag = md5(body).toUpperCase();
      upload.parts.set(n, { data: body, etag, crc });
      this.receivedBytes += body.byteLength;
      const reported = this.faults.wrongCrcPart.has(n) ? crc ^ 1n : crc;
      return new HttpResponse(null, {
        status: 200,
        headers: { ETag: `"${etag}"`, "x-oss-hash-crc64ecma": formatCrc64(reported) },
      });
    }
    if (upload === undefined) return error(404, "NoSuchUpload");
    if (request.method === "GET") {
      this.calls.push("ListParts");
      const marker = Number(q.get("part-number-marker") ?? "0");
      const max = 2; // small pages, so pagination is exercised
      const numbers = [...upload.parts.keys()].sort((a, b) => a - b).filter((n) => n > marker);
      const page = numbers.slice(0, max);
      const truncated = numbers.length > max;
      const parts = page
        .map((n) => {
          const p = upload.parts.get(n) as StoredPart;
          return `<Part><PartNumber>${n}</PartNumber><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"${p.etag}"</ETag><HashCrc64ecma>${formatCrc64(p.crc)}</HashCrc64ecma><Size>${p.data.byteLength}</Size></Part>`;
        })
        .join("");
      return xml(
        `<ListPartsResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId><PartNumberMarker>${marker}</PartNumberMarker><NextPartNumberMarker>${page.at(-1) ?? marker}</NextPartNumberMarker><MaxParts>${max}</MaxParts><IsTruncated>${truncated}</IsTruncated>${parts}</ListPartsResult>`,
      );
    }
    if (request.method === "DELETE") {
      this.calls.push("AbortMultipartUpload");
      this.uploads.delete(uploadId as string);
      return new HttpResponse(null, { status: 204 });
    }
    if (request.method === "POST") {
      this.calls.push("CompleteMultipartUpload");
      const text = new TextDecoder().decode(body);
      const listed = [
        ...text.matchAll(/<PartNumber>(\d+)<\/PartNumber>\s*<ETag>([^<]+)<\/ETag>/g),
      ].map(([all, num, etag]) => [all, num, (etag ?? "").replace(/&quot;|"/g, "")] as const);
      const chunks: Uint8Array[] = [];
      let crc = 0n;
      for (const [, num, etag] of listed) {
        const part = upload.parts.get(Number(num));
        if (part === undefined || part.etag !== etag) return error(400, "InvalidPart");
        chunks.push(part.data);
        crc = combineCrc64(crc, part.crc, part.data.byteLength);
      }
      const data = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let at = 0;
      for (const c of chunks) {
        data.set(c, at);
        at += c.byteLength;
      }
      this.objects.set(`${bucket}/${key}`, { data, headers: upload.headers });
      this.uploads.delete(uploadId as string);
      if (this.faults.wrongCompleteCrc) crc ^= 1n;
      return xml(
        `<CompleteMultipartUploadResult><Location>http://x/${key}</Location><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"MULTI-${listed.length}"</ETag></CompleteMultipartUploadResult>`,
        200,
        { "x-oss-hash-crc64ecma": formatCrc64(crc) },
      );
    }
    return error(400, "Unsupported");
  }
}

function md5(data: Uint8Array): string {
  return createHash("md5").update(data).digest("hex");
}

/** Deterministic pseudo-random bytes. */
export function randomBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
