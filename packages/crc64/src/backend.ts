import { ValidationError } from "@oss-kit/errors";
import { jsUpdate } from "./js-kernel";
import type { Register } from "./register";
import { loadWasmKernel, wasmLoadFailure } from "./wasm-kernel";

/**
 * Which implementation computes CRC-64:
 *
 * - `"auto"` (the default): WebAssembly for inputs of 64 bytes or more,
 *   JavaScript for shorter ones (where the call into WebAssembly costs more than it saves), and
 *   JavaScript for everything if WebAssembly cannot be loaded.
 * - `"wasm"`: WebAssembly for every input, however short.
 * - `"js"`: the pure-JavaScript slicing-by-8 kernel for every input.
 */
export type Crc64Backend = "auto" | "wasm" | "js";

/**
 * In `"auto"` mode, inputs at least this long go to WebAssembly. Measured in Node 20.20 (see
 * the package README): up to 32 bytes the JavaScript kernel is as fast or faster, because each
 * WebAssembly call writes the register, copies the input into linear memory and reads the
 * register back; from 64 bytes WebAssembly is about twice as fast.
 *
 * @internal
 */
export const WASM_MIN_BYTES = 64;

let mode: Crc64Backend = "auto";
let wasmMinBytes = WASM_MIN_BYTES;

/**
 * Chooses the CRC-64 implementation for the whole process (module-wide; the default is
 * `"auto"`). Meant for tests, benchmarks and environments that want to avoid WebAssembly;
 * every backend computes the same values.
 *
 * @param backend - `"auto"`, `"wasm"` or `"js"`; see {@link Crc64Backend}.
 * @throws {ValidationError} (field `backend`) for any other value, or for
 *   `"wasm"` when WebAssembly cannot be loaded here; the previous choice is then kept.
 *
 * @example
 * ```ts
 * setCrc64Backend("js"); // e.g. under a CSP that forbids WebAssembly, to skip the attempt
 * ```
 */
export function setCrc64Backend(backend: Crc64Backend): void {
  switch (backend) {
    case "auto":
      wasmMinBytes = WASM_MIN_BYTES;
      break;
    case "js":
      wasmMinBytes = Number.POSITIVE_INFINITY;
      break;
    case "wasm": {
      if (loadWasmKernel() === null) {
        const cause = wasmLoadFailure();
        throw new ValidationError({
          field: "backend",
          rule: `"wasm" needs WebAssembly, which could not be loaded here (${String(cause)})`,
          cause,
          operation: "setCrc64Backend",
        });
      }
      wasmMinBytes = 0;
      break;
    }
    default:
      throw new ValidationError({
        field: "backend",
        rule: 'must be "auto", "wasm" or "js"',
        operation: "setCrc64Backend",
      });
  }
  mode = backend;
}

/**
 * The implementation that computes CRC-64 of long inputs right now: `"wasm"` or `"js"`. In
 * `"auto"` mode this loads WebAssembly if it was not loaded yet, and reports `"js"` if that
 * failed.
 */
export function getCrc64Backend(): "wasm" | "js" {
  if (mode === "js") return "js";
  return loadWasmKernel() === null ? "js" : "wasm";
}

/**
 * Feeds `bytes` through `register` with the chosen backend.
 *
 * @internal
 */
export function updateRegister(register: Register, bytes: Uint8Array): void {
  if (bytes.length >= wasmMinBytes) {
    const kernel = loadWasmKernel();
    if (kernel !== null) {
      kernel.update(register, bytes);
      return;
    }
  }
  jsUpdate(register, bytes);
}
