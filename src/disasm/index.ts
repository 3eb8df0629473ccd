export { disassembler } from './disassembler.js';
export { DisasmError } from './errors.js';
export type { Disassembler, Instruction, Syntax } from './types.js';
