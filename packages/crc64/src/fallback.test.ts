import { ValidationError } from "@oss-kit/errors";
import { afterEach, describe, expect, it, vi } from "vitest";

/** A fresh copy of the package, so that the lazily loaded WebAssembly is tried again. */
async function freshModule() {
  vi.resetModules();
  return import("./index");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("without WebAssembly", () => {
  it.each([
    ["WebAssembly is not defined", undefined],
    [
      "compiling is refused (a CSP without 'wasm-unsafe-eval')",
      {
        Module: class {
          constructor() {
            throw new WebAssembly.CompileError("Wasm code generation disallowed by embedder");
          }
        },
        Instance: WebAssembly.Instance,
      },
    ],
  ])("falls back to JavaScript when %s", async (_, replacement) => {
    vi.stubGlobal("WebAssembly", replacement);
    const { crc64, combineCrc64, getCrc64Backend, setCrc64Backend } = await freshModule();
    const big = new Uint8Array(100_000).fill(7);
    expect(crc64(big)).toBeTypeOf("bigint");
    expect(getCrc64Backend()).toBe("js");
    expect(crc64("123456789")).toBe(11051210869376104954n);
    expect(combineCrc64(11051210869376104954n, 2871916124362751090n, 49)).toBe(
      7672622622872733320n,
    );
    expect(() => setCrc64Backend("wasm")).toThrow(ValidationError);
    // The failed "wasm" request keeps the previous choice.
    expect(getCrc64Backend()).toBe("js");
    vi.unstubAllGlobals();
    const withWasm = await freshModule();
    expect(withWasm.crc64(big)).toBe(crc64(big));
    expect(withWasm.getCrc64Backend()).toBe("wasm");
  });

  it("rejects an unknown backend name", async () => {
    const { setCrc64Backend, getCrc64Backend } = await freshModule();
    expect(() => setCrc64Backend("fast" as never)).toThrow(ValidationError);
    expect(getCrc64Backend()).toBe("wasm");
  });
});
