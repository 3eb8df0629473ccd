"""ELF64 little-endian, read as far as the commands need: the header, section and program
headers, symbols and relocations, checked as src/elf/read.ts checks them (identification, the
bounds of every table and section, symbol names), so that an image the CLI calls "(not ELF)" is
one here too. Reads go through read(offset, size): a registered image in memory and a 100 MB
executable on disk, of which only the symbol table is read, are read alike.
"""
import struct
import zlib
from collections import namedtuple

ET_REL, ET_DYN = 1, 3
EM_X86_64 = 62
SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_NOBITS, SHT_REL, SHT_DYNSYM = 2, 3, 4, 8, 9, 11
SHF_EXECINSTR, SHF_COMPRESSED = 0x4, 0x800
SHN_UNDEF, SHN_LORESERVE, SHN_XINDEX = 0, 0xFF00, 0xFFFF
STT_FUNC, STT_FILE = 2, 4
PT_LOAD = 1
ELFCOMPRESS_ZLIB = 1

EHDR, SHDR, PHDR, SYM = 64, 64, 56, 24

Section = namedtuple("Section", "index name type flags addr offset size link info entsize")
Segment = namedtuple("Segment", "type offset vaddr")
Symbol = namedtuple("Symbol", "name type shndx value size")
Relocation = namedtuple("Relocation", "offset type sym addend")


class FormatError(Exception):
    """The bytes are not ELF64 little-endian as this reader takes it."""


class Elf:
    def __init__(self, read, length):
        self.read = read
        self.length = length
        header = self.bytes_at(0, min(length, EHDR), "ELF header")
        if header[:4] != b"\x7fELF":
            raise FormatError("not an ELF file (bad magic number)")
        if header[4:7] != b"\x02\x01\x01":
            raise FormatError("not ELF64 little-endian version 1 (EI_CLASS %d, EI_DATA %d, EI_VERSION %d)" % tuple(header[4:7]))
        if length < EHDR:
            raise FormatError("the ELF header runs past the end (%d bytes)" % length)
        (self.type, self.machine, version, _, self.phoff, self.shoff, _, _, phentsize, self.phnum,
         shentsize, self.shnum, self.shstrndx) = struct.unpack_from("<HHIQQQIHHHHHH", header, 16)
        if version != 1:
            raise FormatError("bad e_version %d" % version)
        if self.shoff == 0:
            self.shnum = self.shstrndx = 0
        else:
            if shentsize != SHDR:
                raise FormatError("e_shentsize %d, expected %d" % (shentsize, SHDR))
            if self.shoff < EHDR:
                raise FormatError("the section header table at e_shoff 0x%x overlaps the ELF header" % self.shoff)
            section0 = self.bytes_at(self.shoff, SHDR, "section header 0")
            if self.shnum == 0:  # 65,280 sections or more: the count is in section 0
                self.shnum, = struct.unpack_from("<Q", section0, 32)
            if self.shstrndx == SHN_XINDEX:
                self.shstrndx, = struct.unpack_from("<I", section0, 40)
            self.check(self.shoff, self.shnum * SHDR, "the section header table")
            if self.shstrndx >= self.shnum:
                raise FormatError("e_shstrndx %d is not a section index (%d sections)" % (self.shstrndx, self.shnum))
        if self.phnum:
            if phentsize != PHDR:
                raise FormatError("e_phentsize %d, expected %d" % (phentsize, PHDR))
            if self.phoff < EHDR:
                raise FormatError("the program header table at e_phoff 0x%x overlaps the ELF header" % self.phoff)
            self.check(self.phoff, self.phnum * PHDR, "the program header table")
        self._sections = None

    @classmethod
    def of_bytes(cls, data):
        return cls(lambda offset, size: data[offset:offset + size], len(data))

    def check(self, offset, size, what):
        if offset + size > self.length:
            raise FormatError("%s (0x%x bytes at 0x%x) runs past the end (0x%x)" % (what, size, offset, self.length))

    def bytes_at(self, offset, size, what):
        self.check(offset, size, what)
        return bytes(self.read(offset, size))

    @property
    def sections(self):
        if self._sections is None:
            table = self.bytes_at(self.shoff, self.shnum * SHDR, "the section header table")
            headers = [struct.unpack_from("<IIQQQQIIQQ", table, i * SHDR) for i in range(self.shnum)]
            names = b""
            if self.shstrndx:
                strtab = headers[self.shstrndx]
                if strtab[1] != SHT_STRTAB:
                    raise FormatError("e_shstrndx names a section of type 0x%x, not a string table" % strtab[1])
                names = self.bytes_at(strtab[4], strtab[5], "the section name table")
            self._sections = []
            for i, (name, type_, flags, addr, offset, size, link, info, _, entsize) in enumerate(headers):
                if type_ not in (SHT_NOBITS, 0):
                    self.check(offset, size, "section [%d]" % i)
                self._sections.append(Section(i, string(names, name, "section [%d]: sh_name" % i) if self.shstrndx else "",
                                              type_, flags, addr, offset, size, link, info, entsize))
        return self._sections

    def section(self, name):
        return next((s for s in self.sections if s.name == name), None)

    def segments(self):
        table = self.bytes_at(self.phoff, self.phnum * PHDR, "the program header table")
        return [Segment(*struct.unpack_from("<I4xQQ", table, i * PHDR)) for i in range(self.phnum)]

    def data(self, s):
        """The section's bytes, inflated when SHF_COMPRESSED."""
        if s.type in (SHT_NOBITS, 0):
            return b""
        data = self.bytes_at(s.offset, s.size, "section %s" % s.name)
        if not s.flags & SHF_COMPRESSED or not data:
            return data
        if len(data) < 24:
            raise FormatError("section %s: too short for its compression header" % s.name)
        kind, _, size = struct.unpack_from("<IIQ", data)
        if kind != ELFCOMPRESS_ZLIB:
            raise FormatError("section %s: compression type %d is not read here (zlib only)" % (s.name, kind))
        try:
            inflated = zlib.decompress(data[24:])
        except zlib.error as e:
            raise FormatError("section %s: %s" % (s.name, e))
        if len(inflated) != size:
            raise FormatError("section %s: inflates to %d bytes, ch_size says %d" % (s.name, len(inflated), size))
        return inflated

    def symbol_table(self):
        """The .symtab, else the .dynsym, else None: the table a symbol of a mapped file is looked up in."""
        return next((s for s in self.sections if s.type == SHT_SYMTAB), None) or next((s for s in self.sections if s.type == SHT_DYNSYM), None)

    def strings(self, table):
        """The string table a symbol table links to."""
        strtab = self.sections[table.link] if 0 < table.link < len(self.sections) else None
        if strtab is None or strtab.type != SHT_STRTAB:
            raise FormatError("section %s: sh_link %d is not a string table" % (table.name, table.link))
        return self.data(strtab)

    def symbols(self, table, names=None):
        """Every entry of a symbol table, index 0 included; `names` is its string table when already read."""
        if table.entsize != SYM or table.size % SYM:
            raise FormatError("section %s: sh_entsize %d, sh_size 0x%x: not a table of %d-byte symbols" % (table.name, table.entsize, table.size, SYM))
        if names is None:
            names = self.strings(table)
        return [Symbol(string(names, name, "%s symbol %d: st_name" % (table.name, i)), info & 0xF, shndx, value, size)
                for i, (name, info, _, shndx, value, size) in enumerate(struct.iter_unpack("<IBBHQQ", self.data(table)))]

    def relocations(self, s):
        rela = s.type == SHT_RELA
        size = 24 if rela else 16
        if s.size % size:
            raise FormatError("section %s: sh_size 0x%x is not a multiple of %d" % (s.name, s.size, size))
        out = []
        for fields in struct.iter_unpack("<QQq" if rela else "<QQ", self.data(s)):
            offset, info = fields[0], fields[1]
            out.append(Relocation(offset, info & 0xFFFFFFFF, info >> 32, fields[2] if rela else None))
        return out

    def section_address(self, symbol):
        """The sh_addr of the section a symbol is defined in; 0 for absolute, common and undefined symbols."""
        if symbol.shndx == SHN_UNDEF or symbol.shndx >= SHN_LORESERVE or symbol.shndx >= len(self.sections):
            return 0
        return self.sections[symbol.shndx].addr


def string(table, offset, what):
    if offset == 0 and not table:
        return ""
    if offset >= len(table):
        raise FormatError("%s 0x%x is past the end of its string table (size 0x%x)" % (what, offset, len(table)))
    end = table.find(b"\0", offset)
    if end < 0:
        raise FormatError("the string at 0x%x is not NUL-terminated" % offset)
    return table[offset:end].decode("utf-8", "replace")


Found = namedtuple("Found", "type segments value")


def lookup_symbol(path, name):
    """`name` defined in a file's .symtab, else .dynsym: the file's e_type and program headers and
    the symbol's st_value; None when the file cannot be read, is not ELF64 or does not define it.
    Only the headers, the table and its strings are read, and the strings are searched for the
    name before any symbol is decoded (node's .symtab holds 110,000 symbols)."""
    try:
        with open(path, "rb") as f:
            def read(offset, size):
                f.seek(offset)
                return f.read(size)
            f.seek(0, 2)
            elf = Elf(read, f.tell())
            table = elf.symbol_table()
            names = elf.strings(table) if table else b""
            if b"\0" + name.encode() + b"\0" not in names:
                return None
            for symbol in elf.symbols(table, names):
                if symbol.name == name and symbol.shndx != SHN_UNDEF:
                    return Found(elf.type, elf.segments(), symbol.value)
    except (OSError, FormatError):
        pass  # gone since it was mapped, not ours to read, or not ELF64: no descriptor we can find there
    return None
