// Bundled as is and run in Node, Bun, Deno, a Chromium page and a Chromium worker by
// src/runtimes.test.ts.
import { Crc64, combineCrc64, crc64, formatCrc64, getCrc64Backend } from "../src/index";

export async function run() {
  // 4 MiB of deterministic bytes (xorshift), hashed in 64 KiB chunks and whole.
  const data = new Uint8Array(4 << 20);
  let x = 0x9e3779b9;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 0xff;
  }
  const streamed = new Crc64();
  for (let at = 0; at < data.length; at += 65536) streamed.update(data.subarray(at, at + 65536));
  const half = data.length / 2;
  const combined = combineCrc64(crc64(data.subarray(0, half)), crc64(data.subarray(half)), half);
  return {
    check: formatCrc64(crc64("123456789")),
    whole: formatCrc64(crc64(data)),
    streamed: streamed.toString(),
    combined: formatCrc64(combined),
    backend: getCrc64Backend(),
  };
}
