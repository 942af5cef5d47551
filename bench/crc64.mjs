// CRC-64 throughput: @oss-kit/crc64 (WebAssembly and its JavaScript fallback) against the
// `crc64-ecma182.js` package and a plain slicing-by-8 JavaScript loop, measured in the same run.
//
//   (cd packages/crc64 && npx tsup) && node bench/crc64.mjs [rounds]
//
// 64 MiB of random bytes fed in 64 KiB chunks, each implementation once per round in turn;
// MB/s is 10^6 bytes per second, the median of the rounds. Exits 1 if the bar is missed:
// the WebAssembly backend at >= 1000 MB/s and >= 2x crc64-ecma182.js.
import { createRequire } from "node:module";
import { Crc64, setCrc64Backend } from "../packages/crc64/dist/index.js";

const require = createRequire(import.meta.url);
const ecma182 = require("crc64-ecma182.js");

const TOTAL = 64 * 1024 * 1024;
const CHUNK = 64 * 1024;
const ROUNDS = Number(process.argv[2] ?? 7);

// --- a plain slicing-by-8 loop on two 32-bit halves, the usual pure-JS approach -------------
const POLY_LO = 0xd7870f42 | 0;
const POLY_HI = 0xc96c5795 | 0;
const TL = new Int32Array(2048);
const TH = new Int32Array(2048);
for (let i = 0; i < 256; i++) {
  let lo = i;
  let hi = 0;
  for (let bit = 0; bit < 8; bit++) {
    const mask = -(lo & 1);
    lo = ((lo >>> 1) | (hi << 31)) ^ (POLY_LO & mask);
    hi = (hi >>> 1) ^ (POLY_HI & mask);
  }
  TL[i] = lo;
  TH[i] = hi;
}
for (let i = 256; i < 2048; i++) {
  const lo = TL[i - 256];
  const hi = TH[i - 256];
  TL[i] = ((lo >>> 8) | (hi << 24)) ^ TL[lo & 0xff];
  TH[i] = (hi >>> 8) ^ TH[lo & 0xff];
}
function slicing8(state, b) {
  let lo = state[0];
  let hi = state[1];
  let i = 0;
  const end = b.length - (b.length & 7);
  for (; i < end; i += 8) {
    lo ^= b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
    hi ^= b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24);
    const nlo =
      TL[1792 + (lo & 0xff)] ^
      TL[1536 + ((lo >>> 8) & 0xff)] ^
      TL[1280 + ((lo >>> 16) & 0xff)] ^
      TL[1024 + (lo >>> 24)] ^
      TL[768 + (hi & 0xff)] ^
      TL[512 + ((hi >>> 8) & 0xff)] ^
      TL[256 + ((hi >>> 16) & 0xff)] ^
      TL[hi >>> 24];
    hi =
      TH[1792 + (lo & 0xff)] ^
      TH[1536 + ((lo >>> 8) & 0xff)] ^
      TH[1280 + ((lo >>> 16) & 0xff)] ^
      TH[1024 + (lo >>> 24)] ^
      TH[768 + (hi & 0xff)] ^
      TH[512 + ((hi >>> 8) & 0xff)] ^
      TH[256 + ((hi >>> 16) & 0xff)] ^
      TH[hi >>> 24];
    lo = nlo;
  }
  for (; i < b.length; i++) {
    const x = (lo ^ b[i]) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ TL[x];
    hi = (hi >>> 8) ^ TH[x];
  }
  state[0] = lo;
  state[1] = hi;
}

// --- the contenders: each computes the CRC of `data` fed in CHUNK-sized pieces --------------
const data = new Uint8Array(TOTAL);
for (let at = 0; at < TOTAL; at += 65536) crypto.getRandomValues(data.subarray(at, at + 65536));
const chunks = [];
const buffers = [];
for (let at = 0; at < TOTAL; at += CHUNK) {
  chunks.push(data.subarray(at, at + CHUNK));
  buffers.push(Buffer.from(data.buffer, data.byteOffset + at, CHUNK));
}

function osskit(backend) {
  return () => {
    setCrc64Backend(backend);
    const crc = new Crc64();
    for (const chunk of chunks) crc.update(chunk);
    setCrc64Backend("auto");
    return crc.toString();
  };
}

const contenders = [
  { name: "oss-kit wasm", run: osskit("wasm") },
  { name: "oss-kit js fallback", run: osskit("js") },
  {
    name: "crc64-ecma182.js",
    run: () => {
      let crc = "0";
      for (const buffer of buffers) crc = ecma182.crc64(buffer, crc);
      return crc;
    },
  },
  {
    name: "plain slicing-by-8",
    run: () => {
      const state = [-1, -1];
      for (const chunk of chunks) slicing8(state, chunk);
      return ((BigInt(~state[1] >>> 0) << 32n) | BigInt(~state[0] >>> 0)).toString();
    },
  },
];

// --- measure ---------------------------------------------------------------------------------
const results = new Map(contenders.map((c) => [c.name, { rates: [], crc: "" }]));
for (const c of contenders) results.get(c.name).crc = c.run(); // warm-up, and the CRC to compare
for (let round = 0; round < ROUNDS; round++) {
  for (const c of contenders) {
    const start = performance.now();
    const crc = c.run();
    const seconds = (performance.now() - start) / 1000;
    if (crc !== results.get(c.name).crc) throw new Error(`${c.name}: unstable result ${crc}`);
    results.get(c.name).rates.push(TOTAL / 1e6 / seconds);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const crcs = new Set([...results.values()].map((r) => r.crc));
const rate = (name) => median(results.get(name).rates);
const ref = rate("crc64-ecma182.js");
const plain = rate("plain slicing-by-8");

console.log(
  `CRC-64/XZ, 64 MiB random in 64 KiB chunks, ${ROUNDS} rounds, Node ${process.versions.node}`,
);
console.log("implementation       median MB/s  best MB/s  vs crc64-ecma182.js  vs slicing-by-8");
for (const { name } of contenders) {
  const r = results.get(name);
  console.log(
    `${name.padEnd(20)} ${rate(name).toFixed(0).padStart(12)} ${Math.max(...r.rates)
      .toFixed(0)
      .padStart(10)} ${(rate(name) / ref).toFixed(2).padStart(19)}x ${(rate(name) / plain)
      .toFixed(2)
      .padStart(15)}x`,
  );
}
console.log(`same CRC from all: ${crcs.size === 1 ? "yes" : "NO"} (${[...crcs].join(", ")})`);

const wasm = rate("oss-kit wasm");
const fast = wasm >= 1000;
const ratio = wasm / ref;
console.log(`bar: wasm >= 1000 MB/s: ${fast ? "PASS" : "FAIL"} (${wasm.toFixed(0)} MB/s)`);
console.log(
  `bar: wasm >= 2x crc64-ecma182.js: ${ratio >= 2 ? "PASS" : "FAIL"} (${ratio.toFixed(2)}x)`,
);
if (crcs.size !== 1 || !fast || ratio < 2) process.exitCode = 1;
