export { FormatError, ByteReader, ByteWriter, type Location } from './binary/index.js';
export * from './elf/index.js';
