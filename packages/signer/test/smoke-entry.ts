// Bundled as is and run in Node, Bun, Deno, a Chromium page and a Chromium worker by
// src/runtimes.test.ts: the official vectors v4-header-basic, v4-presign-basic and
// v1-header-object, signed with whatever crypto backend the runtime offers.
import { defaultCrypto, SignerV1, SignerV4 } from "../src/index";

const query = {
  param1: "value1",
  "+param1": "value3",
  "|param1": "value4",
  "+param2": "",
  "|param2": "",
  param2: "",
};
const v4Headers = { "x-oss-head1": "value", abc: "value", ZAbc: "value", XYZ: "value" };
const credentials = { accessKeyId: "ak", accessKeySecret: "sk" };

export async function run() {
  const v4 = new SignerV4();
  const header = await v4.sign(
    {
      method: "PUT",
      bucket: "bucket",
      key: "1234+-/123/1.txt",
      query,
      headers: { ...v4Headers, "content-type": "text/plain" },
    },
    { credentials, region: "cn-hangzhou", product: "oss", time: new Date("2023-12-16T16:20:57Z") },
  );
  const presign = await v4.presign(
    {
      method: "PUT",
      bucket: "bucket",
      key: "1234+-/123/1.txt",
      query,
      headers: { ...v4Headers, "content-type": "application/octet-stream" },
    },
    {
      credentials,
      region: "cn-hangzhou",
      product: "oss",
      time: new Date("2023-12-17T02:54:37Z"),
      expiration: new Date("2023-12-17T03:04:36Z"),
    },
  );
  const v1 = await new SignerV1().sign(
    {
      method: "PUT",
      bucket: "examplebucket",
      key: "nelson",
      headers: {
        "Content-MD5": "eB5eJF1ptWaXm4bijSPyxw==",
        "Content-Type": "text/html",
        "x-oss-meta-author": "alice",
        "x-oss-meta-magic": "abracadabra",
        "x-oss-date": "Wed, 28 Dec 2022 10:27:41 GMT",
      },
    },
    { credentials, time: new Date("2022-12-28T10:27:41Z") },
  );
  return {
    crypto: defaultCrypto().name,
    "v4-header-basic": header.authorization,
    "v4-presign-basic": presign.query["x-oss-signature"],
    "v1-header-object": v1.authorization,
  };
}
