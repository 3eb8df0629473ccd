"""What a registered image describes, as src/live/image.ts summarizes it for the CLI."""
from collections import namedtuple

from . import elf

# elf: the image's Elf, or the FormatError why it is refused. name: the first STT_FILE symbol,
# "+N" for N more (a batch of modules), else "". code: (lowest, highest) address of the
# executable sections, or None. functions: the defined STT_FUNC symbols.
Summary = namedtuple("Summary", "elf name code_sections code functions")


def summarize(image):
    try:
        e = elf.Elf.of_bytes(image)
        symbols = [s for table in e.sections if table.type == elf.SHT_SYMTAB for s in e.symbols(table)]
    except elf.FormatError as error:
        return Summary(error, "", [], None, [])
    files = [s.name for s in symbols if s.type == elf.STT_FILE]
    code_sections = [s for s in e.sections if s.flags & elf.SHF_EXECINSTR and s.size > 0]
    code = (min(s.addr for s in code_sections), max(s.addr + s.size for s in code_sections)) if code_sections else None
    name = files[0] + (" +%d" % (len(files) - 1) if len(files) > 1 else "") if files else ""
    functions = [s for s in symbols if s.type == elf.STT_FUNC and s.shndx != elf.SHN_UNDEF]
    return Summary(e, name, code_sections, code, functions)


def symbol_address(e, symbol):
    """Where a symbol is in the process: a relocatable object's values are offsets in their section (at its patched sh_addr)."""
    return symbol.value + (e.section_address(symbol) if e.type == elf.ET_REL else 0)
