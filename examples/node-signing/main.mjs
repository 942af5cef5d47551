// Demonstrates: the signing walkthrough (ESM) — sign a GET, presign a PUT for one hour, sign with
// refreshing STS credentials, and compute the CRC-64 of a file stream. Runs offline.
import { createReadStream, statSync } from "node:fs";
import { crc64OfStream, formatCrc64, getCrc64Backend } from "@oss-kit/crc64";
import { refreshingCredentials, SignerV1, SignerV4 } from "@oss-kit/signer";

const region = process.env.OSS_REGION ?? "cn-hangzhou";
const bucket = process.env.OSS_BUCKET ?? "examplebucket";
const origin = `https://${bucket}.oss-${region}.aliyuncs.com`;
const credentials = {
  accessKeyId: process.env.OSS_ACCESS_KEY_ID ?? "LTAI5tExampleKeyabcd",
  accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET ?? "example-secret",
};
const signer = new SignerV4();

console.log("oss-kit signing walkthrough\n");

// 1. Sign a GET (header mode).
const get = await signer.sign(
  { method: "GET", bucket, key: "photos/2024/cat 1.jpg" },
  { credentials, region },
);
console.log("1. GET signed with V4; headers to send:");
for (const [name, value] of Object.entries(get.headers)) console.log(`   ${name}: ${value}`);

// 2. Presign a PUT for one hour; the uploader must send the signed Content-Type.
const put = await signer.presign(
  {
    method: "PUT",
    bucket,
    key: "uploads/report 2024.pdf",
    headers: { "Content-Type": "application/pdf" },
  },
  { credentials, region, expiresIn: 3600, origin },
);
console.log(`\n2. PUT presigned until ${put.expiration.toISOString()}:\n   ${put.url}`);
console.log(`   send these headers with it: ${JSON.stringify(put.signedHeaders)}`);

// 3. Refreshing STS credentials: 50 concurrent signatures share one token fetch.
let fetches = 0;
const sts = refreshingCredentials({
  async fetch() {
    fetches++;
    await new Promise((resolve) => setTimeout(resolve, 20)); // a slow token service
    return {
      accessKeyId: `STS.NUexampleTokenId000${fetches}`,
      accessKeySecret: `example-sts-secret-${fetches}`,
      securityToken: `CAISexampleSecurityToken${fetches}`,
      expiration: new Date(Date.now() + 3600_000),
    };
  },
});
const signed = await Promise.all(
  Array.from({ length: 50 }, (_, i) =>
    signer.sign({ method: "PUT", bucket, key: `batch/${i}.txt` }, { credentials: sts, region }),
  ),
);
const tokens = new Set(signed.map((s) => s.headers["x-oss-security-token"]));
console.log(
  `\n3. 50 requests signed with STS credentials: ${fetches} token fetch, ${tokens.size} token used`,
);
console.log(`   the provider prints safely: ${String(await sts.getCredentials())}`);

// V1 still exists for old tooling.
const v1 = await new SignerV1().presign(
  { method: "GET", bucket, key: "a.txt" },
  { credentials, origin },
);
console.log(`   V1 presigned GET: ${v1.url}`);

// 4. CRC-64 of a file stream, as OSS reports it in x-oss-hash-crc64ecma.
const file = new URL(import.meta.url);
const crc = await crc64OfStream(createReadStream(file));
console.log(
  `\n4. CRC-64 of ${file.pathname.split("/").pop()} (${statSync(file).size} bytes, ${getCrc64Backend()} backend): ${formatCrc64(crc)}`,
);
console.log("\ndone: nothing was sent; paste a signed URL into curl to try it against OSS.");
