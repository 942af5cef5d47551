import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");

/** The JavaScript runtimes a package claims to run in unchanged. */
export type Runtime = "node" | "bun" | "deno" | "chromium page" | "chromium worker";

/**
 * Bundles `entry` (a module exporting `async function run()`) from the workspace sources into one
 * platform-neutral file, once as ESM and once as an IIFE exposing `globalThis.smoke`. Neither
 * may contain a `node:` import: what runs in a browser is exactly what runs in Node.
 */
export async function bundleSmoke(entry: string): Promise<{ esm: string; iife: string }> {
  const common = {
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "neutral" as const,
    conditions: ["@oss-kit/source", "import", "default"],
    mainFields: ["module", "main"],
    target: "es2022",
    logLevel: "silent" as const,
  };
  const [esm, iife] = await Promise.all([
    build({ ...common, format: "esm" }),
    build({ ...common, format: "iife", globalName: "smoke" }),
  ]);
  return { esm: esm.outputFiles?.[0]?.text ?? "", iife: iife.outputFiles?.[0]?.text ?? "" };
}

const binaries = {
  node: process.execPath,
  bun: join(root, "node_modules/.bin/bun"),
  deno: join(root, "node_modules/.bin/deno"),
};

/** Runs the ESM bundle's `run()` in a command-line runtime and returns its JSON result. */
export async function runInCli(runtime: "node" | "bun" | "deno", esm: string): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), `oss-kit-${runtime}-`));
  try {
    writeFileSync(join(dir, "bundle.mjs"), esm);
    writeFileSync(
      join(dir, "driver.mjs"),
      'import { run } from "./bundle.mjs";\nconsole.log(JSON.stringify(await run()));\n',
    );
    const args = runtime === "deno" ? ["run", "--no-prompt", "driver.mjs"] : ["driver.mjs"];
    const { stdout } = await run(binaries[runtime], args, {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      timeout: 60_000,
    });
    return JSON.parse(stdout.trim().split("\n").pop() as string);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Chromium binary, if this machine has one (`apt-get install chromium`). */
export function chromiumPath(): string | undefined {
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
}

/**
 * Runs the IIFE bundle's `smoke.run()` in headless Chromium, on a page and in a Web Worker
 * (a workers-style global scope, no DOM), both on a local http:// origin (a secure context).
 */
export async function runInChromium(iife: string): Promise<{ page: unknown; worker: unknown }> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium is not installed (apt-get install chromium)");
  const { chromium } = await import("playwright-core");
  const { createServer } = await import("node:http");
  const server = createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>oss-kit smoke</title>");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.addScriptTag({ content: iife });
    const onPage = await page.evaluate(() =>
      (globalThis as unknown as { smoke: { run(): Promise<unknown> } }).smoke.run(),
    );
    const inWorker = await page.evaluate(
      (code) =>
        new Promise((resolve, reject) => {
          const source = `${code}\nsmoke.run().then((r) => postMessage({ ok: r }), (e) => postMessage({ error: String(e) }));`;
          const worker = new Worker(URL.createObjectURL(new Blob([source])));
          worker.onmessage = (event) =>
            event.data.error ? reject(new Error(event.data.error)) : resolve(event.data.ok);
          worker.onerror = (event) => reject(new Error(event.message));
        }),
      iife,
    );
    return { page: onPage, worker: inWorker };
  } finally {
    await browser.close();
    server.close();
  }
}
