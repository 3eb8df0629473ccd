/** One decoded instruction, or a unit of bytes that does not decode. */
export interface Instruction {
  /** A bigint: a listing may be of any address, the kernel's from 2^63 up included. */
  address: bigint;
  size: number;
  /** A view of the bytes that were decoded, not a copy. */
  bytes: Uint8Array;
  mnemonic: string;
  operands: string;
  /** Where a direct call or jump goes; absent for indirect ones and for everything else. */
  target?: bigint;
  /**
   * `return` includes returns from interrupts. `invalid` is a unit of bytes that does not
   * decode (one byte on x86-64, a 4-byte word on AArch64), listed as `.byte 0xNN, ...`.
   */
  kind: 'call' | 'jump' | 'return' | 'other' | 'invalid';
}

export interface Disassembler {
  /**
   * The instructions of `bytes` placed at `address`, to the end of `bytes` or `max` of them.
   * Bytes that do not decode are listed as `invalid` units and decoding goes on after them.
   */
  decode(bytes: Uint8Array, address: bigint, max?: number): Instruction[];
  /** Frees the decoder; idempotent. Decoding afterwards is a bug and throws. */
  close(): void;
}

/** x86-64 only: AT&T (GDB's and objdump's default) or Intel. */
export type Syntax = 'att' | 'intel';
