export { FormatError, JitdbgError, type Location } from './errors.js';
export { ByteReader } from './reader.js';
export { ByteWriter } from './writer.js';
