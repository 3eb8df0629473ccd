import * as zlib from 'node:zlib';
import { ByteReader, FormatError, type Location } from '../binary/index.js';
import { ELF64_CHDR_SIZE, ELFCOMPRESS_ZLIB, ELFCOMPRESS_ZSTD } from './consts.js';

/** Deflate cannot expand a byte into more than about 1032 (RFC 1951 maximum ratio). */
const DEFLATE_MAX_RATIO = 1032;

type Inflate = (data: Uint8Array, options: zlib.ZlibOptions) => Buffer;
/** node:zlib has zstd from Node 22.15 / 23.8; on older Node the name is missing. */
const zstdDecompressSync = (zlib as unknown as { zstdDecompressSync?: Inflate }).zstdDecompressSync;

/**
 * The contents of an SHF_COMPRESSED section: its Elf64_Chdr names the algorithm and the
 * uncompressed size, which the result must match exactly. `at` locates the section.
 */
export function decompressSection(data: Uint8Array, at: Location): Uint8Array {
  const r = new ByteReader(data, true, { ...at, offset: 0 });
  r.need(0, ELF64_CHDR_SIZE, 'compression header (Elf64_Chdr)');
  const ch_type = r.u32At(0);
  const ch_size = r.u64nAt(8, 'ch_size');
  const payload = data.subarray(ELF64_CHDR_SIZE);
  let inflate: Inflate;
  if (ch_type === ELFCOMPRESS_ZLIB) {
    if (ch_size > payload.length * DEFLATE_MAX_RATIO + 64) {
      throw r.error(`ch_size 0x${ch_size.toString(16)} is more than 0x${payload.length.toString(16)} zlib bytes can hold`, 8);
    }
    inflate = zlib.inflateSync;
  } else if (ch_type === ELFCOMPRESS_ZSTD) {
    if (!zstdDecompressSync) throw r.error(`zstd-compressed section, and this Node.js ${process.version} has no zstd in node:zlib (Node 22.15 or later has)`, 0);
    inflate = zstdDecompressSync;
  } else {
    throw r.error(`unknown compression type ch_type ${ch_type}`, 0);
  }
  if (ch_size > 0x7fffffff) throw r.error(`ch_size 0x${ch_size.toString(16)} is too large`, 8);
  let out: Buffer;
  try {
    out = ch_size === 0 ? Buffer.alloc(0) : inflate(payload, { maxOutputLength: ch_size });
  } catch (e) {
    throw new FormatError(`cannot decompress: ${(e as Error).message}`, { ...at, offset: ELF64_CHDR_SIZE });
  }
  if (out.length !== ch_size) throw r.error(`decompressed to 0x${out.length.toString(16)} bytes but ch_size says 0x${ch_size.toString(16)}`, 8);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
