export { FormatError, ByteReader, ByteWriter, type Location } from './binary/index.js';
export * from './elf/index.js';
export * from './dwarf/index.js';
export { debugSections } from './elf/debug-sections.js';
export * from './mi/index.js';
