#!/usr/bin/env node
// Size gate of @oss-kit/process: an import of only the image builders, bundled from source,
// minified and gzipped, must stay within 6 KB. Also prints other entry points' sizes, for
// information, and the same from the built `dist/index.js` when it exists (what a consumer's
// bundler sees: one file, so tree-shaking there relies on the pure annotations, not on
// `sideEffects`). Usage: `node scripts/size-process.mjs`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const LIMIT = 6144;
const root = join(import.meta.dirname, "..");
const pkg = join(root, "packages", "process");

/** Resolve `@oss-kit/process` to `file` (the sources, as the `@oss-kit/source` condition does). */
const resolveTo = (file) => ({
  name: "oss-kit-process",
  setup(b) {
    b.onResolve({ filter: /^@oss-kit\/process$/ }, () => ({ path: file }));
  },
});

async function measure(contents, file) {
  const result = await build({
    stdin: { contents, resolveDir: pkg, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["@oss-kit/source"],
    plugins: [resolveTo(file)],
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}

const entries = [
  [
    "image builders only",
    'import { image } from "@oss-kit/process"; console.log(image().resize({ w: 100 }).toString());',
  ],
  [
    "image + syncProcess + saveAs",
    'import { image, syncProcess } from "@oss-kit/process"; console.log(syncProcess(image().resize({ w: 100 })).saveAs({ key: "a.jpg" }).toString());',
  ],
  [
    "doc + asyncProcess",
    'import { doc, asyncProcess } from "@oss-kit/process"; console.log(asyncProcess(doc().convert({ target: "pdf" })).saveAs({ key: "a.pdf" }).toString());',
  ],
  [
    "parse only",
    'import { parse } from "@oss-kit/process"; console.log(parse("image/resize,w_100"));',
  ],
  ["whole package", 'export * from "@oss-kit/process";'],
];

const row = (name, { min, gz }) =>
  console.log(
    `  ${name.padEnd(32)} ${String(min).padStart(7)} B min ${String(gz).padStart(6)} B gzip`,
  );

let gated;
console.log("from source (src/index.ts):");
for (const [name, contents] of entries) {
  const size = await measure(contents, join(pkg, "src", "index.ts"));
  gated ??= size.gz;
  row(name, size);
}
const dist = join(pkg, "dist", "index.js");
if (existsSync(dist)) {
  console.log("from the build (dist/index.js), for information:");
  for (const [name, contents] of entries) row(name, await measure(contents, dist));
}
if (gated > LIMIT) {
  console.error(`image builders bundle is ${gated} B gzipped, over the ${LIMIT} B limit`);
  process.exit(1);
}
console.log(`ok: image builders bundle ${gated} B <= ${LIMIT} B`);
