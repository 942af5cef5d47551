import { fetchTransport } from "@oss-kit/transport";
import { setupServer } from "msw/node";
import { Client } from "oss-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOssHandlers, MemoryStore } from "./handlers-entry";

const credentials = { accessKeyId: "LTAI5tInProcess", accessKeySecret: "in-process-secret" };
const server = setupServer(
  ...createOssHandlers({ store: new MemoryStore(), accessKeys: [credentials] }),
);
let oss: Client;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  // The fetch transport goes through globalThis.fetch, which msw intercepts in-process; requests
  // go to the real OSS host name, so addressing is virtual-host style.
  oss = new Client({ region: "cn-hangzhou", credentials, transport: fetchTransport() });
});

afterAll(async () => {
  await oss.close();
  server.close();
});

describe("msw handlers in-process, driven by the client (virtual-host style)", () => {
  it("runs a put/get/list/multipart round trip without a socket", async () => {
    await oss.putBucket({ bucket: "in-process" });
    await oss.putObject({ bucket: "in-process", key: "dir/a b.txt", body: "hello" });
    const got = await oss.getObject({ bucket: "in-process", key: "dir/a b.txt" });
    expect(await got.body.text()).toBe("hello");
    const list = await oss.listObjectsV2({ bucket: "in-process", delimiter: "/" });
    expect(list.commonPrefixes).toEqual(["dir/"]);
    const { uploadId } = await oss.initiateMultipartUpload({ bucket: "in-process", key: "mp" });
    const part = await oss.uploadPart({
      bucket: "in-process",
      key: "mp",
      uploadId,
      partNumber: 1,
      body: "part",
    });
    await oss.completeMultipartUpload({
      bucket: "in-process",
      key: "mp",
      uploadId,
      parts: [{ partNumber: 1, etag: part.etag as string }],
    });
    expect(await (await oss.getObject({ bucket: "in-process", key: "mp" })).body.text()).toBe(
      "part",
    );
  });
});
