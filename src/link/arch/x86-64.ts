/**
 * x86-64 relocations (System V psABI, "Relocation Types"), one row per type. Each row's
 * comment is its formula, as LLVM JITLink's x86_64.h writes them, then the range its field
 * must hold. The letters:
 *
 *   S    the target symbol's address            A    the addend
 *   P    the address of the field being fixed   Z    the target symbol's size
 *   GOT  the module's global offset table       G    the address of the target's GOT entry
 *   L    the target's call address: S when the field reaches it, else a stub that jumps there
 *   T    where the module's TLS block starts, relative to the thread pointer (%fs:0); for a
 *        symbol of a TLS section S is its offset in the block, so S + T is its TP offset
 *   M    the module's TLS module id, the first word of a tls_index
 *   GD   the address of the symbol's tls_index {M, S} for __tls_get_addr; LD the module's {M, 0}
 *   GT   the address of the symbol's GOT entry holding S + T (initial-exec)
 *
 * (The psABI's G is an offset in the GOT; here G is the entry's address, so psABI `G + GOT`
 * is written G and psABI `G` is written `G - GOT`.) A type without a row is a LinkError.
 */

export interface FixupValues {
  S: number;
  A: number;
  P: number;
  Z: number;
  GOT: number;
  G: number;
  L: number;
  T: number;
  M: number;
}

/** How a field's value must fit. */
export type FieldRange = 'int8' | 'int16' | 'int32' | 'uint32' | 'word8' | 'word16' | 'word64';

/** What a relocation needs from the GOT/PLT pass. */
export const NEEDS_GOT_ENTRY = 1;
/** A call that may not reach: a stub is made for targets outside the module. */
export const NEEDS_STUB = 2;
/**
 * An absolute address that may not fit: for a function outside the module, a stub is made and
 * its address stands for the function (the executable's "canonical PLT entry" of ld).
 */
export const NEEDS_CANONICAL_STUB = 4;
/** G is the symbol's tls_index (general dynamic). */
export const NEEDS_TLS_GD = 8;
/** G is the module's tls_index (local dynamic). */
export const NEEDS_TLS_LD = 16;
/** G is a GOT entry holding the symbol's offset from the thread pointer (initial exec). */
export const NEEDS_TLS_TPOFF_ENTRY = 32;
/** The module's TLS block must be in the static TLS area, at one offset from every thread pointer. */
export const NEEDS_STATIC_TLS = 64;
/** The field refers to a thread-local symbol (its offset in the block). */
export const NEEDS_TLS_SYMBOL = 128;

export interface RelocationRow {
  name: string;
  /** Bytes of the field. */
  size: 1 | 2 | 4 | 8;
  range: FieldRange;
  /** The least and greatest values the field holds: its range's bounds. */
  min: number;
  max: number;
  needs: number;
  compute(v: FixupValues): number;
}

/** Relocation types the linker refuses, with the reason. */
export interface RefusedRow {
  name: string;
  refused: string;
}

const TLSDESC = 'TLS descriptors (gcc -mtls-dialect=gnu2) are not supported: compile with the default dialect';
const DYNAMIC = 'a dynamic relocation, not valid in a relocatable object';
const APX_TLS = 'initial-exec TLS in APX-encoded instructions is not supported';

/** The least and greatest integers a field of each range holds. */
const BOUNDS: Record<FieldRange, readonly [number, number]> = {
  int32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
  int16: [-0x8000, 0x7fff],
  int8: [-0x80, 0x7f],
  // "word" fields hold the value truncated, signed or unsigned, as ld checks a bitfield.
  word16: [-0x8000, 0xffff],
  word8: [-0x80, 0xff],
  word64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function row(name: string, size: RelocationRow['size'], range: FieldRange, compute: RelocationRow['compute'], needs = 0): RelocationRow {
  const [min, max] = BOUNDS[range];
  return { name, size, range, min, max, needs, compute };
}

export const X86_64_RELOCATIONS: ReadonlyMap<number, RelocationRow | RefusedRow> = new Map<number, RelocationRow | RefusedRow>([
  // R_X86_64_NONE: nothing to do
  [0, row('R_X86_64_NONE', 1, 'word8', () => 0)],
  // Fixup <- S + A : word64
  [1, row('R_X86_64_64', 8, 'word64', (v) => v.S + v.A)],
  // Fixup <- S + A - P : int32
  [2, row('R_X86_64_PC32', 4, 'int32', (v) => v.S + v.A - v.P)],
  // Fixup <- G - GOT + A : int32
  [3, row('R_X86_64_GOT32', 4, 'int32', (v) => v.G - v.GOT + v.A, NEEDS_GOT_ENTRY)],
  // Fixup <- L + A - P : int32   (L is a stub when S is out of reach)
  [4, row('R_X86_64_PLT32', 4, 'int32', (v) => v.L + v.A - v.P, NEEDS_STUB)],
  [5, { name: 'R_X86_64_COPY', refused: DYNAMIC }],
  [6, { name: 'R_X86_64_GLOB_DAT', refused: DYNAMIC }],
  [7, { name: 'R_X86_64_JUMP_SLOT', refused: DYNAMIC }],
  [8, { name: 'R_X86_64_RELATIVE', refused: DYNAMIC }],
  // Fixup <- G + A - P : int32
  [9, row('R_X86_64_GOTPCREL', 4, 'int32', (v) => v.G + v.A - v.P, NEEDS_GOT_ENTRY)],
  // Fixup <- L + A : uint32   (position-dependent code: the target must lie below 4 GiB;
  //                            L is a stub for a function that does not)
  [10, row('R_X86_64_32', 4, 'uint32', (v) => v.L + v.A, NEEDS_CANONICAL_STUB)],
  // Fixup <- L + A : int32    (sign-extended: below 2 GiB)
  [11, row('R_X86_64_32S', 4, 'int32', (v) => v.L + v.A, NEEDS_CANONICAL_STUB)],
  // Fixup <- S + A : word16
  [12, row('R_X86_64_16', 2, 'word16', (v) => v.S + v.A)],
  // Fixup <- S + A - P : int16
  [13, row('R_X86_64_PC16', 2, 'int16', (v) => v.S + v.A - v.P)],
  // Fixup <- S + A : word8
  [14, row('R_X86_64_8', 1, 'word8', (v) => v.S + v.A)],
  // Fixup <- S + A - P : int8
  [15, row('R_X86_64_PC8', 1, 'int8', (v) => v.S + v.A - v.P)],
  // Fixup <- M : word64
  [16, row('R_X86_64_DTPMOD64', 8, 'word64', (v) => v.M, NEEDS_TLS_SYMBOL)],
  // Fixup <- S + A : word64   (offset in the block: DWARF's DW_OP_form_tls_address operand)
  [17, row('R_X86_64_DTPOFF64', 8, 'word64', (v) => v.S + v.A, NEEDS_TLS_SYMBOL)],
  // Fixup <- S + A + T : word64
  [18, row('R_X86_64_TPOFF64', 8, 'word64', (v) => v.S + v.A + v.T, NEEDS_TLS_SYMBOL | NEEDS_STATIC_TLS)],
  // Fixup <- GD + A - P : int32   (lea of the tls_index passed to __tls_get_addr)
  [19, row('R_X86_64_TLSGD', 4, 'int32', (v) => v.G + v.A - v.P, NEEDS_TLS_SYMBOL | NEEDS_TLS_GD)],
  // Fixup <- LD + A - P : int32
  [20, row('R_X86_64_TLSLD', 4, 'int32', (v) => v.G + v.A - v.P, NEEDS_TLS_SYMBOL | NEEDS_TLS_LD)],
  // Fixup <- S + A : int32   (offset from the block __tls_get_addr returned)
  [21, row('R_X86_64_DTPOFF32', 4, 'int32', (v) => v.S + v.A, NEEDS_TLS_SYMBOL)],
  // Fixup <- GT + A - P : int32
  [22, row('R_X86_64_GOTTPOFF', 4, 'int32', (v) => v.G + v.A - v.P, NEEDS_TLS_SYMBOL | NEEDS_TLS_TPOFF_ENTRY | NEEDS_STATIC_TLS)],
  // Fixup <- S + A + T : int32   (local exec: %fs:S+T)
  [23, row('R_X86_64_TPOFF32', 4, 'int32', (v) => v.S + v.A + v.T, NEEDS_TLS_SYMBOL | NEEDS_STATIC_TLS)],
  // Fixup <- S + A - P : word64
  [24, row('R_X86_64_PC64', 8, 'word64', (v) => v.S + v.A - v.P)],
  // Fixup <- S + A - GOT : word64
  [25, row('R_X86_64_GOTOFF64', 8, 'word64', (v) => v.S + v.A - v.GOT)],
  // Fixup <- GOT + A - P : int32
  [26, row('R_X86_64_GOTPC32', 4, 'int32', (v) => v.GOT + v.A - v.P)],
  // Fixup <- G - GOT + A : word64
  [27, row('R_X86_64_GOT64', 8, 'word64', (v) => v.G - v.GOT + v.A, NEEDS_GOT_ENTRY)],
  // Fixup <- G - P + A : word64
  [28, row('R_X86_64_GOTPCREL64', 8, 'word64', (v) => v.G - v.P + v.A, NEEDS_GOT_ENTRY)],
  // Fixup <- GOT - P + A : word64
  [29, row('R_X86_64_GOTPC64', 8, 'word64', (v) => v.GOT - v.P + v.A)],
  // Fixup <- G - GOT + A : word64   (no lazy binding: the PLT's GOT slot is the GOT entry)
  [30, row('R_X86_64_GOTPLT64', 8, 'word64', (v) => v.G - v.GOT + v.A, NEEDS_GOT_ENTRY)],
  // Fixup <- L - GOT + A : word64   (64 bits reach any S: L is S)
  [31, row('R_X86_64_PLTOFF64', 8, 'word64', (v) => v.S - v.GOT + v.A)],
  // Fixup <- Z + A : uint32
  [32, row('R_X86_64_SIZE32', 4, 'uint32', (v) => v.Z + v.A)],
  // Fixup <- Z + A : word64
  [33, row('R_X86_64_SIZE64', 8, 'word64', (v) => v.Z + v.A)],
  [34, { name: 'R_X86_64_GOTPC32_TLSDESC', refused: TLSDESC }],
  [35, { name: 'R_X86_64_TLSDESC_CALL', refused: TLSDESC }],
  [36, { name: 'R_X86_64_TLSDESC', refused: TLSDESC }],
  [37, { name: 'R_X86_64_IRELATIVE', refused: DYNAMIC }],
  [38, { name: 'R_X86_64_RELATIVE64', refused: DYNAMIC }],
  // Fixup <- S + A - P : int32   (MPX's bnd-prefixed branch: as PC32)
  [39, row('R_X86_64_PC32_BND', 4, 'int32', (v) => v.S + v.A - v.P)],
  // Fixup <- L + A - P : int32   (as PLT32)
  [40, row('R_X86_64_PLT32_BND', 4, 'int32', (v) => v.L + v.A - v.P, NEEDS_STUB)],
  // Fixup <- G + A - P : int32   (relaxable; kept as a GOT load, which is always correct)
  [41, gotpcrelx('R_X86_64_GOTPCRELX')],
  // Fixup <- G + A - P : int32   (likewise, with a REX prefix; then with APX's REX2 and EVEX prefixes)
  [42, gotpcrelx('R_X86_64_REX_GOTPCRELX')],
  [43, gotpcrelx('R_X86_64_CODE_4_GOTPCRELX')],
  [44, { name: 'R_X86_64_CODE_4_GOTTPOFF', refused: APX_TLS }],
  [45, { name: 'R_X86_64_CODE_4_GOTPC32_TLSDESC', refused: TLSDESC }],
  [46, gotpcrelx('R_X86_64_CODE_5_GOTPCRELX')],
  [47, { name: 'R_X86_64_CODE_5_GOTTPOFF', refused: APX_TLS }],
  [48, { name: 'R_X86_64_CODE_5_GOTPC32_TLSDESC', refused: TLSDESC }],
  [49, gotpcrelx('R_X86_64_CODE_6_GOTPCRELX')],
  [50, { name: 'R_X86_64_CODE_6_GOTTPOFF', refused: APX_TLS }],
  [51, { name: 'R_X86_64_CODE_6_GOTPC32_TLSDESC', refused: TLSDESC }],
]);

function gotpcrelx(name: string): RelocationRow {
  return row(name, 4, 'int32', (v) => v.G + v.A - v.P, NEEDS_GOT_ENTRY);
}

/** Whether `value` (an integer, or NaN, which fits nothing) fits a field of range `range`. */
export function fits(range: FieldRange, value: number): boolean {
  const [min, max] = BOUNDS[range];
  return value >= min && value <= max;
}

/**
 * Whether the 32-bit field at `offset` is the displacement of `lea disp32(%rip), %reg`:
 * opcode 0x8D, then ModRM with mod 00 and r/m 101 (RIP-relative), then the field. An optional
 * REX prefix comes before the opcode; nothing follows the displacement.
 */
export function isRipLea(code: Uint8Array, offset: number): boolean {
  return offset >= 2 && code[offset - 2] === LEA && (code[offset - 1]! & 0xc7) === 0x05;
}

const LEA = 0x8d;
const MOV_LOAD = 0x8b;

/**
 * Turns `lea sym+A(%rip), %reg` at the field `offset` into `mov slot(%rip), %reg`, the slot
 * holding the address the lea computed (S + A + 4: the lea's next instruction is P + 4):
 *   Fixup <- slot - (P + 4) : int32
 * Returns the field's value.
 */
export function leaToLoad(code: Uint8Array, offset: number, P: number, slot: number): number {
  code[offset - 2] = MOV_LOAD;
  return slot - (P + 4);
}

/** A stub: `jmp *G(%rip)`, the GOT entry holding the target; padded with int3 to STUB_SIZE. */
export const STUB_SIZE = 8;
export function writeStub(bytes: Uint8Array, offset: number, stubAddress: number, gotEntry: number): void {
  const disp = gotEntry - (stubAddress + 6);
  bytes[offset] = 0xff;
  bytes[offset + 1] = 0x25;
  new DataView(bytes.buffer, bytes.byteOffset).setInt32(offset + 2, disp, true);
  bytes[offset + 6] = 0xcc;
  bytes[offset + 7] = 0xcc;
}

/**
 * The functions of glibc's libc_nonshared.a, which ld links into every program and which no
 * shared library exports. Each takes the caller's `__dso_handle`, so here each module gets its
 * own copy, bound to its own handle: what it registers runs when the module is disposed
 * (`__cxa_finalize`), as for a dlclosed library. Each shim adds the handle as the last
 * argument and tail-calls the libc function through a slot holding its address.
 */
export interface Shim {
  /** The libc function it calls. */
  callee: string;
  size: number;
  write(bytes: Uint8Array, offset: number, address: number, dsoHandle: number, calleeSlot: number): void;
}

/** `lea dso(%rip), %reg` (REX.W 8D, ModRM 00 reg 101) then `jmp *slot(%rip)`, after `prefix`. */
function handleShim(callee: string, modrm: number, prefix: number[] = []): Shim {
  const size = prefix.length + 7 + 6;
  return {
    callee,
    size,
    write(bytes, offset, address, dsoHandle, calleeSlot) {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      let o = offset;
      for (const b of prefix) bytes[o++] = b;
      bytes.set([0x48, LEA, modrm], o);
      view.setInt32(o + 3, dsoHandle - (address + (o - offset) + 7), true);
      o += 7;
      bytes.set([0xff, 0x25], o);
      view.setInt32(o + 2, calleeSlot - (address + (o - offset) + 6), true);
    },
  };
}

export const NONSHARED_SHIMS: ReadonlyMap<string, Shim> = new Map([
  // atexit(f) = __cxa_atexit(f, NULL, __dso_handle): xor %esi,%esi; lea dso(%rip),%rdx
  ['atexit', handleShim('__cxa_atexit', 0x15, [0x31, 0xf6])],
  // at_quick_exit(f) = __cxa_at_quick_exit(f, __dso_handle): lea dso(%rip),%rsi
  ['at_quick_exit', handleShim('__cxa_at_quick_exit', 0x35)],
  // pthread_atfork(prepare, parent, child) = __register_atfork(..., __dso_handle): lea dso(%rip),%rcx
  ['pthread_atfork', handleShim('__register_atfork', 0x0d)],
  ['__pthread_atfork', handleShim('__register_atfork', 0x0d)],
]);
