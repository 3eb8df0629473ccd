export * from './consts.js';
export { ElfFile } from './read.js';
export type * from './types.js';
