// Demonstrates: the three processing scenarios of the OSS product docs, end to end through the
// oss-kit Client, against a local stand-in for OSS (msw) that checks each request's wire form and
// signature the way OSS does and answers as OSS does. Point the client at real OSS by setting
// OSS_REGION, OSS_BUCKET and credentials, and drop the mock (see README).
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { asyncProcess, Client, doc, fetchTransport, image, SignerV4, syncProcess } from "oss-kit";

const credentials = { accessKeyId: "LTAI5tExampleKeyabcd", accessKeySecret: "example-secret" };
const region = "cn-hangzhou";
const bucket = "examplebucket";
const host = `oss-${region}.aliyuncs.com`;

// --- the stand-in for OSS -------------------------------------------------------------------
async function verified(request) {
  const url = new URL(request.url);
  const headers = Object.fromEntries(request.headers);
  const { authorization, ...rest } = headers;
  const d = headers["x-oss-date"];
  const time = new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
  );
  const expected = await new SignerV4().sign(
    {
      method: request.method,
      bucket: url.hostname.slice(0, -host.length - 1),
      key: decodeURIComponent(url.pathname.slice(1)),
      query: Object.fromEntries(url.searchParams),
      headers: rest,
    },
    { credentials, region, time },
  );
  if (expected.authorization !== authorization) throw new Error("signature mismatch");
  return { url, body: request.method === "POST" ? await request.text() : "" };
}
const mock = setupServer(
  http.post(`https://${bucket}.${host}/*`, async ({ request }) => {
    const { url, body } = await verified(request);
    if (url.searchParams.has("x-oss-async-process")) {
      console.log(`   OSS received POST ${url.pathname}?x-oss-async-process\n   body: ${body}`);
      return HttpResponse.json({
        EventId: "181-1kZUlN60OH4fWOcOjZEnGnG0001",
        RequestId: "1D99637F-0001",
        TaskId: "DocumentConvert-0001",
      });
    }
    console.log(`   OSS received POST ${url.pathname}?x-oss-process\n   body: ${body}`);
    return HttpResponse.json({
      bucket: "marked-bucket",
      fileSize: 3267,
      object: "photos/marked.jpg",
      status: "OK",
    });
  }),
  http.get(`https://${bucket}.${host}/*`, async ({ request }) => {
    const { url } = await verified(request);
    console.log(
      `   OSS received GET ${url.pathname}?x-oss-process=${url.searchParams.get("x-oss-process")}`,
    );
    return new HttpResponse(new Uint8Array(1024), { headers: { "content-type": "image/jpeg" } });
  }),
);
mock.listen({ onUnhandledRequest: "error" });

// --- the scenarios ----------------------------------------------------------------------------
const oss = new Client({ region, credentials, transport: fetchTransport() });

console.log("1. docx → png, asynchronously, saved with sys/saveas and announced with notify");
const task = await oss.asyncProcessObject({
  bucket,
  key: "docs/report.docx",
  process: asyncProcess(doc().convert({ target: "png", source: "docx" }))
    .saveAs({ bucket, key: "doc_images/{index}.png" })
    .notify({ topic: "imm-topic" }),
});
console.log(`   → task ${task.taskId}, event ${task.eventId}\n`);

console.log("2. resize + watermark, synchronously on GET");
const thumbnail = syncProcess(
  image()
    .resize({ mode: "lfit", w: 300, h: 300 })
    .watermark({ text: "© oss-kit", size: 30, gravity: "se", x: 10, y: 10 }),
);
const thumb = await oss.getObject({ bucket, key: "photos/cat.jpg", process: thumbnail });
console.log(`   → ${(await thumb.body.bytes()).length} bytes of ${thumb.contentType}`);
const shared = await oss.presignGetObject(
  { bucket, key: "photos/cat.jpg", process: thumbnail },
  { expiresIn: 3600 },
);
console.log(`   presigned for an hour: ${shared.url.slice(0, 110)}…`);
console.log(
  `   public-read form: ${oss.objectUrl({ bucket, key: "photos/cat.jpg", process: thumbnail })}\n`,
);

console.log("3. resize + blind watermark, saved to another object with ProcessObject");
const saved = await oss.processObject({
  bucket,
  key: "photos/cat.jpg",
  process: syncProcess(
    image().resize({ w: 1200 }).blindwatermark({ content: "oss-kit", strength: "medium" }),
  ).saveAs({
    bucket: "marked-bucket",
    key: "photos/marked.jpg",
  }),
});
console.log(
  `   → saved ${saved.bucket}/${saved.key} (${saved.fileSize} bytes, ${saved.processStatus})`,
);

mock.close();
