"""The code ranges of each DWARF compile unit (DWARF 2 to 5), for `jitdbg verify`: the unit DIE's
DW_AT_low_pc/DW_AT_high_pc or DW_AT_ranges (.debug_ranges, .debug_rnglists), addresses through
.debug_addr. Only the unit DIE is read; the CLI's verify also checks each function's range.
A relocatable image's debug sections are relocated with its sections at their sh_addr, as GDB
reads an object that LLVM ORC registers with sh_addr patched."""
from . import elf
from .elf import FormatError

DW_AT_low_pc, DW_AT_high_pc, DW_AT_ranges = 0x11, 0x12, 0x55
BASES = {0x73: "addr", 0x2133: "addr", 0x74: "rnglists", 0x2132: "rnglists"}  # DW_AT_addr_base, DW_AT_rnglists_base and GNU's

DW_FORM_addr, DW_FORM_data4, DW_FORM_data8, DW_FORM_string, DW_FORM_sdata = 0x01, 0x06, 0x07, 0x08, 0x0D
DW_FORM_ref_addr, DW_FORM_indirect, DW_FORM_sec_offset, DW_FORM_implicit_const = 0x10, 0x16, 0x17, 0x21
DW_FORM_rnglistx = 0x23
# data2, data4, data8, data1, flag, ref1, ref2, ref4, ref8, flag_present, ref_sup4, data16, ref_sig8, ref_sup8, strx1-4, addrx1-4
FIXED = {0x05: 2, 0x06: 4, 0x07: 8, 0x0B: 1, 0x0C: 1, 0x11: 1, 0x12: 2, 0x13: 4, 0x14: 8, 0x19: 0, 0x1C: 4, 0x1E: 16,
         0x20: 8, 0x24: 8, 0x25: 1, 0x26: 2, 0x27: 3, 0x28: 4, 0x29: 1, 0x2A: 2, 0x2B: 3, 0x2C: 4}
OFFSETS = {0x0E, 0x17, 0x1D, 0x1F, 0x1F20, 0x1F21}  # strp, sec_offset, strp_sup, line_strp, GNU_ref_alt, GNU_strp_alt
ULEBS = {0x0F, 0x15, 0x1A, 0x1B, 0x22, 0x23, 0x1F01, 0x1F02}  # udata, ref_udata, strx, addrx, loclistx, rnglistx, GNU_*_index
BLOCKS = {0x0A: 1, 0x03: 2, 0x04: 4, 0x09: None, 0x18: None}  # length size; None: ULEB128
ADDRESS_INDEXES = {0x1B, 0x29, 0x2A, 0x2B, 0x2C, 0x1F01}  # addrx, addrx1-4, GNU_addr_index

(DW_RLE_end_of_list, DW_RLE_base_addressx, DW_RLE_startx_endx, DW_RLE_startx_length, DW_RLE_offset_pair, DW_RLE_base_address,
 DW_RLE_start_end, DW_RLE_start_length) = range(8)

# x86-64 relocations of debug sections, as src/elf/debug-sections.ts applies them: type → (size, pc-relative).
RELOCATIONS = {1: (8, False), 10: (4, False), 11: (4, False), 2: (4, True), 24: (8, True), 21: (4, False), 17: (8, False), 25: (8, False)}


class Reader:
    def __init__(self, data, section, pos=0):
        self.data, self.section, self.pos = data, section, pos

    def bytes(self, n):
        if self.pos + n > len(self.data):
            raise FormatError("%s: offset 0x%x: %d bytes run past the end (0x%x)" % (self.section, self.pos, n, len(self.data)))
        self.pos += n
        return self.data[self.pos - n:self.pos]

    def u(self, n):
        return int.from_bytes(self.bytes(n), "little")

    def leb(self, signed=False):
        value = shift = 0
        while True:
            byte = self.u(1)
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value - (1 << shift) if signed and byte & 0x40 else value


class Unit:
    def __init__(self, sections, offset, version, offset_size, address_size):
        self.sections, self.offset, self.version = sections, offset, version
        self.offset_size, self.address_size = offset_size, address_size
        header = 8 if offset_size == 4 else 16  # DWARF 5's defaults: past the first table's header
        self.bases = {"addr": header, "rnglists": header + 4} if version >= 5 else {"addr": 0, "rnglists": 0}

    def address(self, form, value):
        return self.addrx(value) if form in ADDRESS_INDEXES else value

    def addrx(self, index):
        """Entry `index` of the unit's .debug_addr table."""
        return Reader(self.sections(".debug_addr"), ".debug_addr", self.bases["addr"] + index * self.address_size).u(self.address_size)


def unit_ranges(e):
    """(unit offset, begin, end) of each non-empty range of each unit of .debug_info."""
    sections = debug_sections(e)
    info = sections(".debug_info")
    out = []
    offset = 0
    while offset < len(info):
        r = Reader(info, ".debug_info", offset)
        length, offset_size = r.u(4), 4
        if length == 0xFFFFFFFF:
            length, offset_size = r.u(8), 8
        elif length >= 0xFFFFFFF0:
            raise FormatError(".debug_info: offset 0x%x: reserved unit length 0x%x" % (offset, length))
        next_unit = r.pos + length
        if next_unit > len(info):
            raise FormatError(".debug_info: unit 0x%x: unit_length 0x%x runs past the end (0x%x)" % (offset, length, len(info)))
        version = r.u(2)
        if not 2 <= version <= 5:
            raise FormatError(".debug_info: unit 0x%x: DWARF version %d" % (offset, version))
        if version >= 5:
            unit_type, address_size, abbrev_offset = r.u(1), r.u(1), r.u(offset_size)
            # DW_UT_type and split_type: signature and type offset; skeleton and split_compile: dwo_id.
            r.bytes({2: 8 + offset_size, 6: 8 + offset_size, 4: 8, 5: 8}.get(unit_type, 0))
        else:
            abbrev_offset, address_size = r.u(offset_size), r.u(1)
        unit = Unit(sections, offset, version, offset_size, address_size)
        attributes = unit_die(r, sections(".debug_abbrev"), abbrev_offset, unit)
        for at, (form, value) in attributes.items():
            if at in BASES and form in (DW_FORM_sec_offset, DW_FORM_data4, DW_FORM_data8):
                unit.bases[BASES[at]] = value
        out += [(offset, begin, end) for begin, end in die_ranges(unit, attributes) if end > begin]
        offset = next_unit
    return out


def unit_die(r, abbrev, abbrev_offset, unit):
    """The unit DIE's attributes: {DW_AT: (form, value)}, value None for strings and blocks."""
    code = r.leb()
    if code == 0:
        return {}
    attributes = {}
    for at, form, implicit in abbreviation(abbrev, abbrev_offset, code):
        while form == DW_FORM_indirect:
            form = r.leb()
        attributes[at] = (form, implicit if form == DW_FORM_implicit_const else read_form(r, form, unit))
    return attributes


def abbreviation(abbrev, offset, code):
    """(attribute, form, implicit constant) of abbreviation `code` of the table at `offset`."""
    a = Reader(abbrev, ".debug_abbrev", offset)
    while True:
        found = a.leb()
        if found == 0:
            raise FormatError(".debug_abbrev: abbreviation %d is not in the table at 0x%x" % (code, offset))
        a.leb()  # tag
        a.u(1)  # children
        specs = []
        while True:
            at, form = a.leb(), a.leb()
            if at == 0 and form == 0:
                break
            specs.append((at, form, a.leb(signed=True) if form == DW_FORM_implicit_const else None))
        if found == code:
            return specs


def read_form(r, form, unit):
    if form == DW_FORM_addr or (form == DW_FORM_ref_addr and unit.version == 2):
        return r.u(unit.address_size)
    if form in FIXED:
        return r.u(FIXED[form])
    if form in OFFSETS or form == DW_FORM_ref_addr:
        return r.u(unit.offset_size)
    if form in ULEBS:
        return r.leb()
    if form == DW_FORM_sdata:
        return r.leb(signed=True)
    if form in BLOCKS:
        r.bytes(r.leb() if BLOCKS[form] is None else r.u(BLOCKS[form]))
    elif form == DW_FORM_string:
        while r.u(1):
            pass
    else:
        raise FormatError(".debug_info: unit 0x%x: unknown form 0x%x" % (unit.offset, form))
    return None


def die_ranges(unit, attributes):
    if DW_AT_ranges in attributes:
        return range_list(unit, attributes, *attributes[DW_AT_ranges])
    if DW_AT_low_pc in attributes and DW_AT_high_pc in attributes:
        low = unit.address(*attributes[DW_AT_low_pc])
        form, value = attributes[DW_AT_high_pc]
        high = unit.address(form, value) if form == DW_FORM_addr or form in ADDRESS_INDEXES else low + value
        return [(low, high)]
    return []


def range_list(unit, attributes, form, value):
    base = unit.address(*attributes[DW_AT_low_pc]) if DW_AT_low_pc in attributes else 0
    size = unit.address_size
    if unit.version < 5 and form != DW_FORM_rnglistx:
        r = Reader(unit.sections(".debug_ranges"), ".debug_ranges", value)
        out = []
        while True:
            begin, end = r.u(size), r.u(size)
            if begin == 0 and end == 0:
                return out
            if begin == (1 << 8 * size) - 1:
                base = end
            else:
                out.append((base + begin, base + end))
    rnglists = unit.sections(".debug_rnglists")
    if form == DW_FORM_rnglistx:
        offsets = unit.bases["rnglists"]
        value = offsets + Reader(rnglists, ".debug_rnglists", offsets + value * unit.offset_size).u(unit.offset_size)
    r = Reader(rnglists, ".debug_rnglists", value)
    out = []
    while True:
        kind = r.u(1)
        if kind == DW_RLE_end_of_list:
            return out
        if kind == DW_RLE_base_addressx:
            base = unit.addrx(r.leb())
        elif kind == DW_RLE_startx_endx:
            out.append((unit.addrx(r.leb()), unit.addrx(r.leb())))
        elif kind == DW_RLE_startx_length:
            begin = unit.addrx(r.leb())
            out.append((begin, begin + r.leb()))
        elif kind == DW_RLE_offset_pair:
            begin = base + r.leb()
            out.append((begin, base + r.leb()))
        elif kind == DW_RLE_base_address:
            base = r.u(size)
        elif kind == DW_RLE_start_end:
            out.append((r.u(size), r.u(size)))
        elif kind == DW_RLE_start_length:
            begin = r.u(size)
            out.append((begin, begin + r.leb()))
        else:
            raise FormatError(".debug_rnglists: offset 0x%x: unknown range list entry kind 0x%x" % (r.pos - 1, kind))


def debug_sections(e):
    """Section contents by name (b"" when absent), inflated, and for a relocatable image
    relocated with every section at its sh_addr."""
    relocations = {s.info: s for s in e.sections if s.type in (elf.SHT_RELA, elf.SHT_REL)} if e.type == elf.ET_REL else {}
    cache = {}

    def get(name):
        if name not in cache:
            s = e.section(name)
            data = e.data(s) if s else b""
            cache[name] = relocated(e, s, data, relocations[s.index]) if s and s.index in relocations else data
        return cache[name]
    return get


def relocated(e, s, data, rel):
    out = bytearray(data)
    symbols = e.symbols(e.sections[rel.link]) if 0 < rel.link < len(e.sections) else []
    for r in e.relocations(rel):
        if r.type == 0:  # R_X86_64_NONE
            continue
        if r.type not in RELOCATIONS:
            raise FormatError("section %s: relocation type %d is not supported in a debug section" % (s.name, r.type))
        size, pc_relative = RELOCATIONS[r.type]
        if r.offset + size > len(out):
            raise FormatError("section %s: the relocation at 0x%x runs past the end of the section" % (s.name, r.offset))
        if r.sym >= len(symbols) and r.sym:
            raise FormatError("section %s: the relocation at 0x%x names symbol %d, past the end of its table" % (s.name, r.offset, r.sym))
        value = symbols[r.sym].value + e.section_address(symbols[r.sym]) if r.sym else 0
        value += int.from_bytes(out[r.offset:r.offset + size], "little", signed=True) if r.addend is None else r.addend
        value -= r.offset + s.addr if pc_relative else 0
        out[r.offset:r.offset + size] = (value % (1 << 8 * size)).to_bytes(size, "little")
    return bytes(out)
