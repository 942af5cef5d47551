import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleSmoke, chromiumPath, runInChromium, runInCli } from "../../../scripts/runtimes";

// The same bundle, signed in every runtime the package claims, must reproduce the official
// vectors. Chromium is installed by .ci/run; on a machine without it the browser cases skip
// loudly, except under CI=true, where they fail.
const vectors = ["signer-v4.json", "signer-v1.json"].flatMap(
  (name) =>
    JSON.parse(
      readFileSync(new URL(`../../../../shared/vectors/${name}`, import.meta.url), "utf8"),
    ) as Array<{
      id: string;
      expected: { authorization?: string; query?: Record<string, string> };
    }>,
);
const byId = (id: string) => vectors.find((v) => v.id === id)?.expected;
const expected = {
  "v4-header-basic": byId("v4-header-basic")?.authorization,
  "v4-presign-basic": byId("v4-presign-basic")?.query?.["x-oss-signature"],
  "v1-header-object": byId("v1-header-object")?.authorization,
};

let bundle: { esm: string; iife: string };
beforeAll(async () => {
  bundle = await bundleSmoke(new URL("../test/smoke-entry.ts", import.meta.url).pathname);
});

describe("the signer runs unchanged in every runtime", () => {
  it("the bundle has no node: import", () => {
    expect(bundle.esm).not.toMatch(/from\s*["']node:/);
    expect(bundle.esm).not.toMatch(/require\(["']node:/);
    expect(expected["v4-header-basic"]).toMatch(/^OSS4-HMAC-SHA256 /);
  });

  for (const runtime of ["node", "bun", "deno"] as const) {
    it(`${runtime}: reproduces the official vectors with node:crypto`, async () => {
      const result = await runInCli(runtime, bundle.esm);
      expect(result).toEqual({ crypto: "node:crypto", ...expected });
    }, 60_000);
  }

  const chromium = chromiumPath();
  if (!chromium && !process.env.CI) {
    console.warn(
      "\n*** Chromium not found: browser and worker signing checks SKIPPED. apt-get install chromium to run them. ***\n",
    );
  }
  it.skipIf(!chromium && !process.env.CI)(
    "Chromium page and Web Worker: reproduce the official vectors with WebCrypto",
    async () => {
      const { page, worker } = await runInChromium(bundle.iife);
      expect(page).toEqual({ crypto: "webcrypto", ...expected });
      expect(worker).toEqual({ crypto: "webcrypto", ...expected });
    },
    60_000,
  );
});
