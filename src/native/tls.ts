/**
 * Thread-local storage for JIT-linked modules, given by the dynamic loader itself: per module a
 * tiny shared object whose PT_TLS segment is the module's TLS block (its relocated .tdata, then
 * zeros), written with jitdbg's ELF writer and dlopened. glibc then gives the block a TLS
 * module id for __tls_get_addr (general and local dynamic code) and, when the object says
 * DF_STATIC_TLS, a place in every thread's static TLS area at one offset from the thread
 * pointer (initial and local exec, gcc's default for -fPIE), initialized in the threads that
 * already run. That offset comes from the loader too: the object holds one word with a
 * dynamic R_X86_64_TPOFF64 relocation against its own block, which ld.so fills in. The file
 * is unlinked once loaded: each module's block is its own.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import koffi from 'koffi';
import {
  DF_STATIC_TLS, DT_FLAGS, DT_HASH, DT_RELA, DT_RELAENT, DT_RELASZ, DT_STRSZ, DT_STRTAB, DT_SYMENT, DT_SYMTAB, ELF64_RELA_SIZE,
  ELF64_SYM_SIZE, EM_X86_64, ET_DYN, PF_R, PF_W, R_X86_64_TPOFF64,
  PT_DYNAMIC, PT_GNU_STACK, PT_LOAD, PT_TLS, SHF_ALLOC, SHF_TLS, SHF_WRITE, SHT_DYNSYM, SHT_NOBITS, SHT_PROGBITS,
} from '../elf/consts.js';
import { ElfFile } from '../elf/read.js';
import { writeElf, type DynamicEntrySpec, type SectionSpec } from '../elf/write.js';
import type { TlsBlock, TlsImage } from '../target/types.js';
import { cacheDirectory, privateDirectory, uniqueName, view, writeNewFile } from './jit-interface.js';
import { dlopen, linkMap, NativeError } from './libc.js';

const RTLD_DI_TLS_MODID = 9;

const libc = koffi.load('libc.so.6');
const c = {
  dlinfoId: libc.func('int dlinfo(uintptr_t handle, int request, _Out_ uint64_t *info)'),
  dlclose: libc.func('int dlclose(uintptr_t handle)'),
};

/** The word that ld.so sets to the block's offset from the thread pointer (static blocks). */
const TPOFF_WORD = '.jitdbg.tpoff';

/**
 * The shared object whose PT_TLS is `image`. Written twice for a static block: the dynamic
 * relocation names the address of its word, which the first writing lays out.
 */
export function tlsLibrary(image: TlsImage): { bytes: Uint8Array; tpoffWord: number | undefined } {
  if (!image.static) return { bytes: tlsLibraryAt(image, undefined), tpoffWord: undefined };
  const first = tlsLibraryAt(image, 0);
  const tpoffWord = Number(ElfFile.read(first, 'TLS library').section(TPOFF_WORD)!.sh_addr);
  return { bytes: tlsLibraryAt(image, tpoffWord), tpoffWord };
}

function tlsLibraryAt(image: TlsImage, wordAddress: number | undefined): Uint8Array {
  const hash: SectionSpec = { kind: 'hash', name: '.hash' };
  const dynstr: SectionSpec = { kind: 'strtab', name: '.dynstr', sh_flags: SHF_ALLOC };
  const dynsym: SectionSpec = { kind: 'symtab', name: '.dynsym', sh_type: SHT_DYNSYM, symbols: [] };
  const flags = SHF_ALLOC | SHF_WRITE | SHF_TLS;
  const tls: SectionSpec[] = [];
  // .tbss starts right after .tdata, at the offsets the linker gave its sections.
  if (image.init.length) tls.push({ name: '.tdata', sh_type: SHT_PROGBITS, sh_flags: flags, sh_addralign: image.align, data: image.init });
  if (image.size > image.init.length) {
    tls.push({ name: '.tbss', sh_type: SHT_NOBITS, sh_flags: flags, sh_addralign: image.init.length ? 1 : image.align, size: image.size - image.init.length });
  }
  const statics: SectionSpec[] = [];
  const entries: DynamicEntrySpec[] = [
    { d_tag: DT_HASH, d_val: { addressOf: hash } },
    { d_tag: DT_STRTAB, d_val: { addressOf: dynstr } },
    { d_tag: DT_SYMTAB, d_val: { addressOf: dynsym } },
    { d_tag: DT_STRSZ, d_val: { sizeOf: dynstr } },
    { d_tag: DT_SYMENT, d_val: ELF64_SYM_SIZE },
  ];
  if (wordAddress !== undefined) {
    const word: SectionSpec = { name: TPOFF_WORD, sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC | SHF_WRITE, sh_addralign: 8, data: new Uint8Array(8) };
    // Symbol 0: the object's own block; ld.so writes S + A - l_tls_offset, the block's TP offset.
    const rela: SectionSpec = { kind: 'rela', name: '.rela.dyn', sh_flags: SHF_ALLOC, symtab: dynsym, relocations: [{ r_offset: wordAddress, type: R_X86_64_TPOFF64 }] };
    statics.push(rela, word);
    entries.push(
      { d_tag: DT_RELA, d_val: { addressOf: rela } },
      { d_tag: DT_RELASZ, d_val: { sizeOf: rela } },
      { d_tag: DT_RELAENT, d_val: ELF64_RELA_SIZE },
      { d_tag: DT_FLAGS, d_val: DF_STATIC_TLS },
    );
  }
  const dynamic: SectionSpec = { kind: 'dynamic', name: '.dynamic', entries };
  const [rela, word] = statics;
  return writeElf({
    header: { e_type: ET_DYN, e_machine: EM_X86_64 },
    sections: [hash, dynsym, dynstr, ...(rela ? [rela] : []), dynamic, ...(word ? [word] : []), ...tls],
    segments: [
      { p_type: PT_LOAD, p_flags: PF_R, headers: true, sections: [hash, dynsym, dynstr, ...(rela ? [rela] : [])] },
      { p_type: PT_LOAD, p_flags: PF_R | PF_W, sections: [dynamic, ...(word ? [word] : []), ...tls] },
      { p_type: PT_DYNAMIC, p_flags: PF_R | PF_W, sections: [dynamic] },
      { p_type: PT_TLS, p_flags: PF_R, sections: tls },
      { p_type: PT_GNU_STACK, p_flags: PF_R | PF_W },
    ],
  });
}

/** Loads a module's TLS block into this process; `release` dlcloses it. */
export function nativeTlsBlock(image: TlsImage): TlsBlock {
  const dir = join(cacheDirectory(), '..', 'tls');
  privateDirectory(dir);
  const path = join(dir, uniqueName('libjitdbg-tls-', '.so'));
  const library = tlsLibrary(image);
  let handle: number;
  try {
    writeNewFile(path, library.bytes);
    handle = dlopen(path);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new NativeError(`the module's ${image.size}-byte TLS block cannot be loaded (${why})${image.static ? '; code compiled with -fPIC uses dynamic TLS, which has no such limit' : ''}`);
  } finally {
    rmSync(path, { force: true });
  }
  let moduleId: number;
  let offset = NaN;
  try {
    const id = [0n];
    if (c.dlinfoId(handle, RTLD_DI_TLS_MODID, id) !== 0 || !id[0]) throw new NativeError('dlinfo(RTLD_DI_TLS_MODID) failed');
    moduleId = Number(id[0]);
    if (library.tpoffWord !== undefined) {
      const base = view(linkMap(handle), 8).getBigUint64(0, true); // struct link_map's l_addr, <link.h>
      offset = Number(view(Number(base) + library.tpoffWord, 8).getBigInt64(0, true));
    }
  } catch (e) {
    c.dlclose(handle);
    throw e;
  }
  let released = false;
  return {
    moduleId,
    offset,
    release() {
      if (released) return;
      released = true;
      c.dlclose(handle);
    },
  };
}
