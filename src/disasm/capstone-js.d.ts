// What src/disasm uses of @alexaltea/capstone-js, which has no types: capstone 5.0 compiled to
// wasm32 by emscripten, its C functions exported as `_cs_*`, and emscripten's heap helpers.
// The package's JavaScript wrapper (`Capstone`, `Instruction`) is left out: it builds an object
// per instruction, reading cs_detail at capstone 4's offsets (groups and operands come back
// empty on this build), and costs four times what the decoding does.
declare module '@alexaltea/capstone-js' {
  export interface CapstoneModule {
    _cs_open(arch: number, mode: number, handle: number): number;
    _cs_option(handle: number, type: number, value: number): number;
    _cs_close(handle: number): number;
    _cs_strerror(code: number): number;
    _cs_malloc(handle: number): number;
    _cs_free(insn: number, count: number): void;
    _cs_disasm_iter(handle: number, code: number, size: number, address: number, insn: number): number;
    _cs_insn_group(handle: number, insn: number, group: number): number;
    _malloc(size: number): number;
    _free(pointer: number): void;
    getValue(pointer: number, type: 'i16' | 'i32' | '*'): number;
    setValue(pointer: number, value: number | bigint, type: 'i32' | 'i64' | '*'): void;
    UTF8ToString(pointer: number): string;
    writeArrayToMemory(array: Uint8Array, pointer: number): void;

    ARCH_X86: number;
    ARCH_ARM64: number;
    MODE_64: number;
    MODE_ARM: number;
    OPT_DETAIL: number;
    OPT_SKIPDATA: number;
    OPT_SYNTAX: number;
    OPT_ON: number;
    OPT_SYNTAX_ATT: number;
    OPT_SYNTAX_INTEL: number;
    GRP_JUMP: number;
    GRP_CALL: number;
    GRP_RET: number;
    GRP_IRET: number;
    GRP_BRANCH_RELATIVE: number;
  }

  /** Instantiates the wasm module (3 MB); each call makes another instance. */
  export default function MCapstone(): Promise<CapstoneModule>;
}
