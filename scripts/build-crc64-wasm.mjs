#!/usr/bin/env node
// Assembles packages/crc64/wasm/crc64.wat with wabt and writes the bytes, base64-encoded, to
// packages/crc64/src/wasm-module.ts.
//
//   node scripts/build-crc64-wasm.mjs           regenerate
//   node scripts/build-crc64-wasm.mjs --check   exit 1 if the generated file is stale
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import initWabt from "wabt";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const watPath = join(root, "packages/crc64/wasm/crc64.wat");
const outPath = join(root, "packages/crc64/src/wasm-module.ts");

const wabt = await initWabt();
const parsed = wabt.parseWat("crc64.wat", readFileSync(watPath, "utf8"));
parsed.validate();
const { buffer } = parsed.toBinary({ log: false, write_debug_names: false });
parsed.destroy();

// Smoke test before writing: the check value of CRC-64/XZ.
const instance = new WebAssembly.Instance(new WebAssembly.Module(buffer), {});
const { memory, init, update } = instance.exports;
init();
const heap = new Uint8Array(memory.buffer);
const view = new DataView(memory.buffer);
view.setBigUint64(32768, 0xffffffffffffffffn, true);
heap.set(new TextEncoder().encode("123456789"), 65536);
update(65536, 9);
const check = ~view.getBigUint64(32768, true) & 0xffffffffffffffffn;
if (check !== 0x995dc9bbdf1939fan) {
  throw new Error(`crc64.wat computes check 0x${check.toString(16)}, want 0x995dc9bbdf1939fa`);
}

const base64 = Buffer.from(buffer).toString("base64");
const text = `// GENERATED FILE, DO NOT EDIT. Source: packages/crc64/wasm/crc64.wat.
// Regenerate with \`node scripts/build-crc64-wasm.mjs\` (needs the \`wabt\` dev dependency).

/** The CRC-64/XZ slicing-by-16 WebAssembly module (${buffer.length} bytes), base64-encoded. */
export const CRC64_WASM_BASE64 =
  "${base64}";
`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(outPath, "utf8");
  } catch {}
  if (current !== text) {
    console.error(
      "packages/crc64/src/wasm-module.ts is stale: run node scripts/build-crc64-wasm.mjs",
    );
    process.exit(1);
  }
  console.log("packages/crc64/src/wasm-module.ts is up to date");
} else {
  writeFileSync(outPath, text);
  console.log(`wrote packages/crc64/src/wasm-module.ts (${buffer.length} bytes of wasm)`);
}
