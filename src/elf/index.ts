export * from './consts.js';
export { ElfFile } from './read.js';
export type * from './types.js';
export { writeElf, ElfWriter } from './write.js';
export type * from './write.js';
export { descriptionOf } from './write-copy.js';
