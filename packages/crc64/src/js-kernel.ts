import { POLY_HI, POLY_LO, type Register } from "./register";

/** Feeds bytes through a register. */
type Update = (register: Register, bytes: Uint8Array) => void;

/** Whether this platform stores integers little-endian (every current JS engine but s390x). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Inputs shorter than this skip the 32-bit word view (its creation costs more than it saves). */
const WORD_VIEW_MIN_BYTES = 128;

let kernel: Update | undefined;

/**
 * Feeds `bytes` through `register` with the pure-JavaScript slicing-by-8 kernel (built on first
 * use).
 *
 * @internal
 */
export function jsUpdate(register: Register, bytes: Uint8Array): void {
  kernel ??= createJsKernel();
  kernel(register, bytes);
}

/**
 * Builds the slicing-by-8 tables and the loops that use them. Table `k` (k = 0..7) holds, for
 * each byte value, the register effect of that byte followed by `k` zero bytes; entry
 * `k * 256 + byte` of `TL` / `TH` is its low / high 32 bits.
 *
 * The tables are `const` locals of this closure on purpose: V8 then knows they never change and
 * hoists their loads and bounds checks out of the loops, which makes the word loop about 1.5x
 * faster than with module-level `let`/`var` tables (esbuild turns top-level `const` into `var`).
 */
function createJsKernel(): Update {
  const TL = new Int32Array(8 * 256);
  const TH = new Int32Array(8 * 256);
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
  for (let i = 256; i < 8 * 256; i++) {
    const lo = TL[i - 256]!;
    const hi = TH[i - 256]!;
    const x = lo & 0xff;
    TL[i] = ((lo >>> 8) | (hi << 24)) ^ TL[x]!;
    TH[i] = (hi >>> 8) ^ TH[x]!;
  }

  /** Byte at a time through table 0, for `bytes[start..end)`. */
  function updateTail(register: Register, bytes: Uint8Array, start: number, end: number): void {
    let lo = register.lo;
    let hi = register.hi;
    for (let i = start; i < end; i++) {
      const x = (lo ^ bytes[i]!) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ TL[x]!;
      hi = (hi >>> 8) ^ TH[x]!;
    }
    register.lo = lo;
    register.hi = hi;
  }

  /** Slicing-by-8 over 32-bit words read through an `Int32Array` (little-endian platforms). */
  function updateWords(register: Register, bytes: Uint8Array): void {
    // Byte by byte up to a 4-byte boundary, then 8-byte groups as two int32 words, then the rest.
    const head = (4 - (bytes.byteOffset & 3)) & 3;
    if (head !== 0) updateTail(register, bytes, 0, head);
    const words = new Int32Array(
      bytes.buffer,
      bytes.byteOffset + head,
      ((bytes.length - head) >>> 3) << 1,
    );
    let lo = register.lo;
    let hi = register.hi;
    for (let w = 0; w < words.length; w += 2) {
      lo ^= words[w]!;
      hi ^= words[w + 1]!;
      const a = 1792 + (lo & 0xff);
      const b = 1536 + ((lo >>> 8) & 0xff);
      const c = 1280 + ((lo >>> 16) & 0xff);
      const d = 1024 + (lo >>> 24);
      const e = 768 + (hi & 0xff);
      const f = 512 + ((hi >>> 8) & 0xff);
      const g = 256 + ((hi >>> 16) & 0xff);
      const h = hi >>> 24;
      lo = TL[a]! ^ TL[b]! ^ TL[c]! ^ TL[d]! ^ TL[e]! ^ TL[f]! ^ TL[g]! ^ TL[h]!;
      hi = TH[a]! ^ TH[b]! ^ TH[c]! ^ TH[d]! ^ TH[e]! ^ TH[f]! ^ TH[g]! ^ TH[h]!;
    }
    register.lo = lo;
    register.hi = hi;
    const done = head + (words.length << 2);
    if (done !== bytes.length) updateTail(register, bytes, done, bytes.length);
  }

  /** Slicing-by-8 over bytes assembled into 32-bit halves (short inputs, big-endian platforms). */
  function updateBytes(register: Register, bytes: Uint8Array): void {
    let lo = register.lo;
    let hi = register.hi;
    const end = bytes.length - (bytes.length & 7);
    for (let i = 0; i < end; i += 8) {
      lo ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
      hi ^= bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24);
      const a = 1792 + (lo & 0xff);
      const b = 1536 + ((lo >>> 8) & 0xff);
      const c = 1280 + ((lo >>> 16) & 0xff);
      const d = 1024 + (lo >>> 24);
      const e = 768 + (hi & 0xff);
      const f = 512 + ((hi >>> 8) & 0xff);
      const g = 256 + ((hi >>> 16) & 0xff);
      const h = hi >>> 24;
      lo = TL[a]! ^ TL[b]! ^ TL[c]! ^ TL[d]! ^ TL[e]! ^ TL[f]! ^ TL[g]! ^ TL[h]!;
      hi = TH[a]! ^ TH[b]! ^ TH[c]! ^ TH[d]! ^ TH[e]! ^ TH[f]! ^ TH[g]! ^ TH[h]!;
    }
    register.lo = lo;
    register.hi = hi;
    if (end !== bytes.length) updateTail(register, bytes, end, bytes.length);
  }

  // Separate functions per loop, so that V8 optimizes each hot loop on its own.
  return (register, bytes) => {
    if (LITTLE_ENDIAN && bytes.length >= WORD_VIEW_MIN_BYTES) updateWords(register, bytes);
    else updateBytes(register, bytes);
  };
}
