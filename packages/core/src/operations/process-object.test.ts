import { ValidationError } from "@oss-kit/errors";
import { asyncProcess, doc, image, ProcessSyntaxError, syncProcess } from "@oss-kit/process";
import { fetchTransport } from "@oss-kit/transport";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  credentials,
  errorXml,
  HOST,
  presignedSignatureMatches,
  REGION,
  type SeenRequest,
  seen,
  signatureMatches,
} from "../../test/oss-mock";
import {
  asyncProcessObject,
  getObject,
  OssClient,
  objectUrl,
  presignGetObject,
  processObject,
  standardRetryPolicy,
} from "../index";
import { contentMd5 } from "../md5";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () =>
  new OssClient({
    region: REGION,
    credentials,
    transport: fetchTransport(),
    retry: standardRetryPolicy({ baseDelayMs: 1, maxDelayMs: 5 }),
  });

function record(respond: (req: SeenRequest) => Response) {
  const requests: SeenRequest[] = [];
  server.use(
    http.all(/.*/, async ({ request }) => {
      const req = await seen(request);
      requests.push(req);
      return respond(req);
    }),
  );
  return requests;
}
const json = (body: Record<string, unknown>) =>
  HttpResponse.json(body, { headers: { "x-oss-request-id": "534B371674E88A4D89060001" } });

describe("scenario 1: docx → png, asynchronously, with save-as and notify", () => {
  it("sends the exact AsyncProcessObject request and types the result", async () => {
    const requests = record(() =>
      json({
        EventId: "181-1kZUlN60OH4fWOcOjZEnGnG0001",
        RequestId: "1D99637F-F59E-5B41-9200-C4892F520001",
        TaskId: "DocumentConvert-e4a737df-69e9-4fca-8d9b-17c40ea30001",
      }),
    );
    const out = await asyncProcessObject(client(), {
      bucket: "examplebucket",
      key: "docs/report.docx",
      process: asyncProcess(doc().convert({ target: "png", source: "docx" }))
        .saveAs({ bucket: "examplebucket", key: "doc_images/{index}.png" })
        .notify({ topic: "imm-topic" }),
    });
    expect(out).toMatchObject({
      statusCode: 200,
      requestId: "534B371674E88A4D89060001",
      eventId: "181-1kZUlN60OH4fWOcOjZEnGnG0001",
      taskId: "DocumentConvert-e4a737df-69e9-4fca-8d9b-17c40ea30001",
      processRequestId: "1D99637F-F59E-5B41-9200-C4892F520001",
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("POST");
    expect(req.url.host).toBe(`examplebucket.${HOST}`);
    expect(req.url.pathname).toBe("/docs/report.docx");
    expect(req.url.search).toBe("?x-oss-async-process");
    const body = new TextDecoder().decode(req.body);
    expect(body).toBe(
      "x-oss-async-process=doc/convert,target_png,source_docx|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_aW1tLXRvcGlj",
    );
    expect(req.headers["content-md5"]).toBe(contentMd5(req.body));
    expect(await signatureMatches(req)).toBe(true);
  });

  it("accepts a raw string, validated, and refuses one without save-as before sending", async () => {
    const requests = record(() => json({ EventId: "e", TaskId: "t" }));
    const raw = "doc/convert,target_png,source_docx|sys/saveas,b_ZXhhbXBsZWJ1Y2tldA,o_b3V0LnBuZw";
    await asyncProcessObject(client(), { bucket: "examplebucket", key: "a.docx", process: raw });
    expect(new TextDecoder().decode(requests[0]?.body)).toBe(`x-oss-async-process=${raw}`);
    const error = await asyncProcessObject(client(), {
      bucket: "examplebucket",
      key: "a.docx",
      process: "doc/convert,target_png,source_docx",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcessSyntaxError);
    expect(requests).toHaveLength(1);
  });

  it("a sync instruction is refused for AsyncProcessObject", async () => {
    record(() => json({}));
    await expect(
      asyncProcessObject(client(), {
        bucket: "examplebucket",
        key: "a.jpg",
        process: syncProcess(image().resize({ w: 10 })).saveAs({ key: "b.jpg" }),
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("reports the service's error", async () => {
    record(
      () =>
        new HttpResponse(errorXml("InvalidRequest", "no x-oss-async-process parameter found"), {
          status: 400,
        }),
    );
    await expect(
      asyncProcessObject(client(), {
        bucket: "examplebucket",
        key: "a.docx",
        process: "doc/convert,target_png,source_docx|sys/saveas,o_b3V0LnBuZw",
      }),
    ).rejects.toMatchObject({ code: "InvalidRequest", operation: "AsyncProcessObject" });
  });
});

describe("scenario 2: resize + watermark, synchronously on GET", () => {
  const thumbnail = syncProcess(
    image()
      .resize({ mode: "lfit", w: 300, h: 300 })
      .watermark({ text: "© oss-kit", size: 30, gravity: "se", x: 10, y: 10 }),
  );

  it("GetObject sends the instruction in the query, signed", async () => {
    const requests = record(
      () =>
        new HttpResponse(new Uint8Array([0xff, 0xd8]), {
          headers: { "content-type": "image/jpeg" },
        }),
    );
    const out = await getObject(client(), {
      bucket: "examplebucket",
      key: "photos/cat.jpg",
      process: thumbnail,
    });
    expect(await out.body.bytes()).toEqual(new Uint8Array([0xff, 0xd8]));
    const [req] = requests as [SeenRequest];
    expect(req.query["x-oss-process"]).toBe(thumbnail.toString());
    expect(req.url.search).toContain(
      "x-oss-process=image%2Fresize%2Cm_lfit%2Cw_300%2Ch_300%2Fwatermark%2C",
    );
    expect(await signatureMatches(req)).toBe(true);
  });

  it("a presigned GET URL with the instruction passes the server's signature check", async () => {
    const { url, method } = await presignGetObject(
      client(),
      { bucket: "examplebucket", key: "photos/cat 1.jpg", process: thumbnail },
      { expiresIn: 600 },
    );
    expect(method).toBe("GET");
    const requests = record(() => new HttpResponse("img"));
    const response = await fetch(url);
    expect(await response.text()).toBe("img");
    const [req] = requests as [SeenRequest];
    expect(req.key).toBe("photos/cat 1.jpg");
    expect(req.query["x-oss-process"]).toBe(thumbnail.toString());
    expect(req.query["x-oss-expires"]).toBe("600");
    expect(await presignedSignatureMatches(req)).toBe(true);
  });

  it("the plain URL of a public-read object carries the instruction, unsigned", () => {
    const url = objectUrl(client(), {
      bucket: "examplebucket",
      key: "photos/cat 1.jpg",
      process: "image/resize,w_100",
    });
    expect(url).toBe(
      `https://examplebucket.${HOST}/photos/cat%201.jpg?x-oss-process=image%2Fresize%2Cw_100`,
    );
  });

  it("rejects an invalid raw instruction before sending, unless told not to validate", async () => {
    const requests = record(() => new HttpResponse("x"));
    const error = await getObject(client(), {
      bucket: "examplebucket",
      key: "a.jpg",
      process: "image/resize,w_0",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcessSyntaxError);
    expect(error.action).toBe("resize");
    expect(requests).toHaveLength(0);
    await getObject(client(), {
      bucket: "examplebucket",
      key: "a.jpg",
      process: "image/newaction,z_1",
      validateProcess: false,
    });
    expect(requests[0]?.query["x-oss-process"]).toBe("image/newaction,z_1");
  });

  it("save-as is refused on GET", async () => {
    await expect(
      getObject(client(), {
        bucket: "examplebucket",
        key: "a.jpg",
        process: syncProcess(image().resize({ w: 10 })).saveAs({ key: "b.jpg" }),
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("scenario 3: resize + blind watermark saved to another object with ProcessObject", () => {
  it("sends the exact ProcessObject request and types the result", async () => {
    const requests = record(() =>
      json({ bucket: "marked-bucket", fileSize: 3267, object: "photos/marked.jpg", status: "OK" }),
    );
    const out = await processObject(client(), {
      bucket: "examplebucket",
      key: "photos/cat.jpg",
      process: syncProcess(
        image().resize({ w: 1200 }).blindwatermark({ content: "oss-kit", strength: "medium" }),
      ).saveAs({
        bucket: "marked-bucket",
        key: "photos/marked.jpg",
      }),
    });
    expect(out).toMatchObject({
      statusCode: 200,
      bucket: "marked-bucket",
      key: "photos/marked.jpg",
      fileSize: 3267,
      processStatus: "OK",
    });
    const [req] = requests as [SeenRequest];
    expect(req.url.search).toBe("?x-oss-process");
    expect(new TextDecoder().decode(req.body)).toBe(
      "x-oss-process=image/resize,w_1200/blindwatermark,content_b3NzLWtpdA,s_medium|sys/saveas,b_bWFya2VkLWJ1Y2tldA,o_cGhvdG9zL21hcmtlZC5qcGc",
    );
    expect(req.headers["content-md5"]).toBe(contentMd5(req.body));
    expect(await signatureMatches(req)).toBe(true);
  });

  it("an empty bucket in the answer means the source bucket", async () => {
    record(() => json({ bucket: "", fileSize: 10, object: "b.jpg", status: "OK" }));
    const out = await processObject(client(), {
      bucket: "examplebucket",
      key: "a.jpg",
      process: "image/resize,w_100|sys/saveas,o_Yi5qcGc",
    });
    expect(out.bucket).toBe("examplebucket");
  });

  it("refuses an instruction without save-as", async () => {
    await expect(
      processObject(client(), {
        bucket: "examplebucket",
        key: "a.jpg",
        process: image().resize({ w: 1 }),
      }),
    ).rejects.toMatchObject({ name: "ValidationError", field: "process" });
  });
});
