import type { Register } from "./register";
import { CRC64_WASM_BASE64 } from "./wasm-module";

/** Where the module keeps the register (see packages/crc64/wasm/crc64.wat). */
const REGISTER_OFFSET = 32768;
/** Where the caller copies input. */
const BLOCK_OFFSET = 65536;
/** How many bytes of input fit at {@link BLOCK_OFFSET}. */
const BLOCK_SIZE = 65536;

/** A loaded WebAssembly backend. @internal */
export interface WasmKernel {
  /** Feeds `bytes` through `register`, copying them into linear memory block by block. */
  update(register: Register, bytes: Uint8Array): void;
}

interface Crc64Exports {
  memory: WebAssembly.Memory;
  init(): void;
  update(pointer: number, length: number): void;
}

/** `undefined` until the first attempt; then the kernel, or `null` if WebAssembly failed. */
let kernel: WasmKernel | null | undefined;
/** Why WebAssembly could not be used, when it could not. */
let failure: unknown;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function instantiate(): WasmKernel {
  // Synchronous compile: the module is under 1 KiB, well below the 4 KiB browsers allow on the
  // main thread. A CSP without 'wasm-unsafe-eval' makes this throw; the caller falls back to JS.
  const module = new WebAssembly.Module(decodeBase64(CRC64_WASM_BASE64));
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as Crc64Exports;
  exports.init();
  // The memory never grows, so these views stay attached.
  const heap = new Uint8Array(exports.memory.buffer);
  const view = new DataView(exports.memory.buffer);
  const run = exports.update;
  return {
    update(register, bytes) {
      view.setInt32(REGISTER_OFFSET, register.lo, true);
      view.setInt32(REGISTER_OFFSET + 4, register.hi, true);
      const total = bytes.length;
      if (total <= BLOCK_SIZE) {
        heap.set(bytes, BLOCK_OFFSET);
        run(BLOCK_OFFSET, total);
      } else {
        for (let offset = 0; offset < total; offset += BLOCK_SIZE) {
          const length = Math.min(BLOCK_SIZE, total - offset);
          heap.set(bytes.subarray(offset, offset + length), BLOCK_OFFSET);
          run(BLOCK_OFFSET, length);
        }
      }
      register.lo = view.getInt32(REGISTER_OFFSET, true);
      register.hi = view.getInt32(REGISTER_OFFSET + 4, true);
    },
  };
}

/**
 * The WebAssembly backend, compiled and instantiated on first call; `null` when WebAssembly is
 * missing or refused (a Content Security Policy without `'wasm-unsafe-eval'`, a runtime built
 * without it). The outcome is remembered: a failure is not retried.
 *
 * @internal
 */
export function loadWasmKernel(): WasmKernel | null {
  if (kernel !== undefined) return kernel;
  try {
    if (typeof WebAssembly !== "object" || WebAssembly === null) {
      throw new Error("WebAssembly is not defined in this runtime");
    }
    kernel = instantiate();
  } catch (error) {
    kernel = null;
    failure = error;
  }
  return kernel;
}

/** Why {@link loadWasmKernel} returned `null` (the error it caught). @internal */
export function wasmLoadFailure(): unknown {
  return failure;
}
