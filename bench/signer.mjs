// V4 header signing of a typical PutObject: oss-kit vs @smithy/signature-v4 signing a comparable
// S3 PutObject, in one process. Bar: oss-kit >= 2x smithy's operations per second.
// Run after `pnpm build`: node bench/signer.mjs
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { SignerV4 } from "../packages/signer/dist/index.js";

const ROUNDS = 7;
const OPS = 20_000;
const time = new Date();
const key = "photos/2024/03/01/IMG_0042 copy.jpg";

const ossSigner = new SignerV4();
const ossOptions = {
  credentials: {
    accessKeyId: "LTAI5tExampleKeyId",
    accessKeySecret: "ExampleSecretExampleSecret12",
  },
  region: "cn-hangzhou",
  time,
};
function ossRequest(i) {
  return {
    method: "PUT",
    bucket: "examplebucket",
    key: `${key}.${i}`,
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Length": "4096",
      "Content-MD5": "eB5eJF1ptWaXm4bijSPyxw==",
      "x-oss-meta-author": "alice",
      "x-oss-storage-class": "Standard",
      "User-Agent": "bench",
    },
  };
}

const smithy = new SignatureV4({
  credentials: { accessKeyId: "AKIAEXAMPLEKEYID", secretAccessKey: "ExampleSecretExampleSecret12" },
  region: "us-east-1",
  service: "s3",
  sha256: Hash.bind(null, "sha256"),
  uriEscapePath: false,
  applyChecksum: false,
});
function smithyRequest(i) {
  return new HttpRequest({
    method: "PUT",
    protocol: "https:",
    hostname: "examplebucket.s3.us-east-1.amazonaws.com",
    path: `/${encodeURIComponent(`${key}.${i}`).replace(/%2F/g, "/")}`,
    headers: {
      host: "examplebucket.s3.us-east-1.amazonaws.com",
      "content-type": "image/jpeg",
      "content-length": "4096",
      "content-md5": "eB5eJF1ptWaXm4bijSPyxw==",
      "x-amz-meta-author": "alice",
      "x-amz-storage-class": "STANDARD",
      "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
      "user-agent": "bench",
    },
  });
}

async function measure(sign) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < OPS; i++) await sign(i);
  return OPS / (Number(process.hrtime.bigint() - start) / 1e9);
}

const contenders = {
  "oss-kit SignerV4": (i) => ossSigner.sign(ossRequest(i), ossOptions),
  "@smithy/signature-v4": (i) => smithy.sign(smithyRequest(i), { signingDate: time }),
};
// Warm up both, then interleave rounds so drift affects both alike.
for (const sign of Object.values(contenders)) await measure(sign);
const results = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, sign] of Object.entries(contenders)) results[name].push(await measure(sign));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const oss = median(results["oss-kit SignerV4"]);
const aws = median(results["@smithy/signature-v4"]);
console.log(
  `V4 header signing, ${ROUNDS} rounds x ${OPS} ops, median ops/s (Node ${process.version})`,
);
for (const [name, xs] of Object.entries(results)) {
  console.log(
    `  ${name.padEnd(24)} ${Math.round(median(xs)).toLocaleString("en-US").padStart(10)} ops/s`,
  );
}
const ratio = oss / aws;
console.log(
  `  ratio oss-kit / smithy: ${ratio.toFixed(2)}x (bar >= 2.00x) ${ratio >= 2 ? "PASS" : "FAIL"}`,
);
