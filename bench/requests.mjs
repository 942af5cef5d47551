// Per-request overhead: 4 KiB PutObjects at 32 concurrent to a loopback sink that does as little
// as possible (drains the body, answers 200), all clients in one run, interleaved rounds.
// Bars (issue 3): oss-kit >= 0.9x bare undici.request sending the same bytes, and >= 1.5x ali-oss.
// Run after `pnpm build`: node bench/requests.mjs
import { createServer } from "node:http";
import OSS from "ali-oss";
import { Agent, request } from "undici";
import { OssClient, putObject } from "../packages/core/dist/index.js";

const CONCURRENCY = 32;
const PER_ROUND = 8000;
const ROUNDS = 5;
const body = new Uint8Array(4096).fill(7);

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, {
      "x-oss-request-id": "65C0FFEE0000000000000001",
      etag: '"E"',
      "content-length": "0",
    });
    res.end();
  });
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const { port } = server.address();
const origin = `http://127.0.0.1:${port}`;
const credentials = { accessKeyId: "LTAI5tBenchKeyId0001", accessKeySecret: "bench-secret" };

const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
const bare = async (i) => {
  const { body: res } = await request(`${origin}/examplebucket/k${i}`, {
    method: "PUT",
    body,
    headers: { "content-length": "4096", "content-type": "application/octet-stream" },
    dispatcher: agent,
  });
  await res.dump();
};

const client = new OssClient({ region: "cn-hangzhou", endpoint: origin, credentials });
const ossKit = (i) => putObject(client, { bucket: "examplebucket", key: `k${i}`, body });

const ali = new OSS({
  region: "oss-cn-hangzhou",
  ...credentials,
  bucket: "examplebucket",
  endpoint: origin,
  cname: true,
  timeout: 60_000,
});
const buffer = Buffer.from(body);
const aliOss = (i) => ali.put(`k${i}`, buffer);

async function measure(send) {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < PER_ROUND) await send(next++);
    }),
  );
  return PER_ROUND / (Number(process.hrtime.bigint() - start) / 1e9);
}

const contenders = {
  "bare undici.request": bare,
  "oss-kit putObject": ossKit,
  "ali-oss put": aliOss,
};
for (const send of Object.values(contenders)) await measure(send); // warm up
const results = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, send] of Object.entries(contenders)) results[name].push(await measure(send));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `4 KiB PutObject, ${CONCURRENCY} concurrent, ${ROUNDS} rounds x ${PER_ROUND}, median req/s (Node ${process.version})`,
);
for (const [name, xs] of Object.entries(results)) {
  console.log(
    `  ${name.padEnd(22)} ${Math.round(median(xs)).toLocaleString("en-US").padStart(8)} req/s`,
  );
}
const ours = median(results["oss-kit putObject"]);
const vsBare = ours / median(results["bare undici.request"]);
const vsAli = ours / median(results["ali-oss put"]);
console.log(
  `  oss-kit / bare undici: ${vsBare.toFixed(2)}x (bar >= 0.90x) ${vsBare >= 0.9 ? "PASS" : "FAIL"}`,
);
console.log(
  `  oss-kit / ali-oss:     ${vsAli.toFixed(2)}x (bar >= 1.50x) ${vsAli >= 1.5 ? "PASS" : "FAIL"}`,
);
await client.close();
await agent.close();
server.close();
