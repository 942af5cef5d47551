import { beforeAll, describe, expect, it } from "vitest";
import { bundleSmoke, chromiumPath, runInChromium, runInCli } from "../../../scripts/runtimes";
import { run } from "../test/smoke-entry";

// The same bundle must give the same CRCs (and use WebAssembly) in every runtime the package
// claims. Chromium is installed by .ci/run; without it the browser case skips loudly, except
// under CI=true, where it fails.
let bundle: { esm: string; iife: string };
let expected: Awaited<ReturnType<typeof run>>;
beforeAll(async () => {
  bundle = await bundleSmoke(new URL("../test/smoke-entry.ts", import.meta.url).pathname);
  expected = await run();
});

describe("crc64 runs unchanged in every runtime", () => {
  it("agrees with itself in Node and has the catalogue check value", () => {
    expect(expected.check).toBe("11051210869376104954");
    expect(expected.streamed).toBe(expected.whole);
    expect(expected.combined).toBe(expected.whole);
    expect(bundle.esm).not.toMatch(/["']node:/);
  });

  for (const runtime of ["node", "bun", "deno"] as const) {
    it(`${runtime}: same CRCs, WebAssembly backend`, async () => {
      expect(await runInCli(runtime, bundle.esm)).toEqual({ ...expected, backend: "wasm" });
    }, 60_000);
  }

  const chromium = chromiumPath();
  if (!chromium && !process.env.CI) {
    console.warn(
      "\n*** Chromium not found: browser CRC-64 checks SKIPPED (apt-get install chromium). ***\n",
    );
  }
  it.skipIf(!chromium && !process.env.CI)(
    "Chromium page and Web Worker: same CRCs, WebAssembly backend",
    async () => {
      const { page, worker } = await runInChromium(bundle.iife);
      expect(page).toEqual({ ...expected, backend: "wasm" });
      expect(worker).toEqual({ ...expected, backend: "wasm" });
    },
    60_000,
  );
});
