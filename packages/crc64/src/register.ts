/**
 * The CRC-64 shift register as two signed 32-bit halves, NOT complemented: the register of a
 * fresh CRC is all ones (`lo = hi = -1`), and the CRC value is the register's complement.
 * Keeping halves as plain numbers lets both backends run without BigInt on the hot path.
 *
 * @internal
 */
export interface Register {
  /** Bits 0–31 of the register, as a signed 32-bit integer. */
  lo: number;
  /** Bits 32–63 of the register, as a signed 32-bit integer. */
  hi: number;
}

/** The reflected polynomial 0xC96C5795D7870F42, low half. @internal */
export const POLY_LO = 0xd7870f42 | 0;
/** The reflected polynomial 0xC96C5795D7870F42, high half. @internal */
export const POLY_HI = 0xc96c5795 | 0;

const MASK_32 = 0xffffffffn;

/** A register whose CRC value is `crc` (the complement of `crc`). @internal */
export function registerFromCrc(crc: bigint): Register {
  return { lo: ~Number(crc & MASK_32), hi: ~Number((crc >> 32n) & MASK_32) };
}

/** The CRC value a register holds (its complement), as an unsigned 64-bit bigint. @internal */
export function crcFromRegister(register: Register): bigint {
  return (BigInt(~register.hi >>> 0) << 32n) | BigInt(~register.lo >>> 0);
}
