// Type names as llvm-dwarfdump 14 prints them after a DW_AT_type reference: C++ declarator
// syntax built from the DIEs ("int (*)(void *)", "const char *const", "std::vector<int> &"),
// qualified by the enclosing namespaces and classes. The printer writes the part of a
// declarator that comes before the name (base type, pointers) and the part after it (array
// bounds, parameter lists) in two passes, as llvm's DWARFTypePrinter does, keeping its choices
// where they are not what a C compiler would write: they are what the differential tests compare.
import * as C from './forms/consts.js';
import type { Die } from './info.js';

/** A type DIE's name, qualified by its scopes: the text llvm-dwarfdump quotes after DW_AT_type. */
export function qualifiedTypeName(die: Die): string {
  const p = new TypePrinter();
  p.qualifiedName(die);
  return p.text;
}

/** The scopes whose names do not qualify what they contain. */
const UNNAMED_SCOPES = new Set([C.DW_TAG_compile_unit, C.DW_TAG_type_unit, C.DW_TAG_skeleton_unit, C.DW_TAG_subprogram, C.DW_TAG_lexical_block]);

/** Languages whose arrays start at 1 (LLVM's LanguageLowerBound); the others known to DWARF 5 start at 0. */
const ONE_BASED = new Set([
  C.DW_LANG_Ada83, C.DW_LANG_Cobol74, C.DW_LANG_Cobol85, C.DW_LANG_Fortran77, C.DW_LANG_Fortran90, C.DW_LANG_Pascal83,
  C.DW_LANG_Modula2, C.DW_LANG_Ada95, C.DW_LANG_Fortran95, C.DW_LANG_PLI, C.DW_LANG_Modula3, C.DW_LANG_Julia,
  C.DW_LANG_Fortran03, C.DW_LANG_Fortran08,
]);

/** Calling conventions a function type names as an attribute. */
const CALLING_CONVENTIONS = new Map<number, string>([
  [C.DW_CC_BORLAND_stdcall, 'stdcall'], [C.DW_CC_BORLAND_msfastcall, 'fastcall'], [C.DW_CC_BORLAND_thiscall, 'thiscall'],
  [C.DW_CC_LLVM_vectorcall, 'vectorcall'], [C.DW_CC_BORLAND_pascal, 'pascal'], [C.DW_CC_LLVM_Win64, 'ms_abi'],
  [C.DW_CC_LLVM_X86_64SysV, 'sysv_abi'], [C.DW_CC_LLVM_AAPCS, 'pcs("aapcs")'], [C.DW_CC_LLVM_AAPCS_VFP, 'pcs("aapcs-vfp")'],
  [C.DW_CC_LLVM_IntelOclBicc, 'intel_ocl_bicc'], [C.DW_CC_LLVM_Swift, 'swiftcall'], [C.DW_CC_LLVM_PreserveMost, 'preserve_most'],
  [C.DW_CC_LLVM_PreserveAll, 'preserve_all'], [C.DW_CC_LLVM_X86RegCall, 'regcall'],
]);

/** Integer template arguments: the cast before the value, and the suffix after it. */
const INTEGER_ARGUMENTS = new Map<string, { prefix: string; suffix: string; signed: boolean }>([
  ['short', { prefix: '(short)', suffix: '', signed: true }],
  ['unsigned short', { prefix: '(unsigned short)', suffix: '', signed: true }],
  ['int', { prefix: '', suffix: '', signed: true }],
  ['long', { prefix: '', suffix: 'L', signed: true }],
  ['long long', { prefix: '', suffix: 'LL', signed: true }],
  ['unsigned int', { prefix: '', suffix: 'U', signed: false }],
  ['unsigned long', { prefix: '', suffix: 'UL', signed: false }],
  ['unsigned long long', { prefix: '', suffix: 'ULL', signed: false }],
]);

const CHAR_ESCAPES = new Map<number, string>([
  [0x5c, '\\\\'], [0x27, "\\'"], [0x07, '\\a'], [0x08, '\\b'], [0x0c, '\\f'], [0x0a, '\\n'], [0x0d, '\\r'], [0x09, '\\t'], [0x0b, '\\v'],
]);

/** Type references deeper than this are a cycle in bad input. */
const MAX_NESTING = 256;

class TypePrinter {
  text = '';
  /** The text ends with a word, so a declarator that follows needs a space. */
  private word = true;
  /** The text ends with a template's '>', so another '>' needs a space. */
  private endedWithTemplate = false;
  private nesting = 0;

  qualifiedName(d: Die | undefined): void {
    if (d) this.scopes(d.unit.parentOf(d));
    this.unqualifiedName(d);
  }

  private unqualifiedName(d: Die | undefined): void {
    this.after(d, this.before(d));
  }

  private qualifiedNameBefore(d: Die | undefined): Die | undefined {
    if (d) this.scopes(d.unit.parentOf(d));
    return this.before(d);
  }

  /** The names of the namespaces and types that enclose `d`, each followed by "::". */
  private scopes(d: Die | undefined): void {
    if (!d || UNNAMED_SCOPES.has(d.tag)) return;
    this.enter(d);
    d = resolveTypeUnit(d);
    this.scopes(d.unit.parentOf(d));
    this.unqualifiedName(d);
    this.text += '::';
    this.nesting--;
  }

  private enter(d: Die): void {
    if (++this.nesting > MAX_NESTING) throw d.unit.r.error(`type references nest more than ${MAX_NESTING} deep`, d.offset);
  }

  /** The part of the declarator before the name; returns the type `d` refers to, for `after`. */
  private before(d: Die | undefined): Die | undefined {
    this.word = true;
    if (!d) {
      this.text += 'void';
      return undefined;
    }
    this.enter(d);
    let inner: Die | undefined;
    switch (d.tag) {
      case C.DW_TAG_pointer_type: this.pointerLike((inner = referencedType(d)), '*'); break;
      case C.DW_TAG_reference_type: this.pointerLike((inner = referencedType(d)), '&'); break;
      case C.DW_TAG_rvalue_reference_type: this.pointerLike((inner = referencedType(d)), '&&'); break;
      case C.DW_TAG_subroutine_type:
        this.qualifiedNameBefore((inner = referencedType(d)));
        if (this.word) this.text += ' ';
        this.word = false;
        break;
      case C.DW_TAG_array_type: this.qualifiedNameBefore((inner = referencedType(d))); break;
      case C.DW_TAG_ptr_to_member_type: {
        this.qualifiedNameBefore((inner = referencedType(d)));
        if (needsParens(inner)) this.text += '(';
        else if (this.word) this.text += ' ';
        const container = referencedType(d, C.DW_AT_containing_type);
        if (container) {
          this.qualifiedName(container);
          this.endedWithTemplate = false;
          this.text += '::';
        }
        this.text += '*';
        this.word = false;
        break;
      }
      case C.DW_TAG_const_type: case C.DW_TAG_volatile_type: this.qualifiersBefore(d); break;
      case C.DW_TAG_namespace: this.text += d.string(C.DW_AT_name) ?? '(anonymous namespace)'; break;
      case C.DW_TAG_unspecified_type: {
        const name = shortName(d) ?? '';
        this.text += name === 'decltype(nullptr)' ? 'std::nullptr_t' : name;
        this.word = true;
        this.endedWithTemplate = false;
        break;
      }
      default: this.namedType(d);
    }
    this.nesting--;
    return inner;
  }

  /** A base, structure, class, union, enumeration or typedef: its name, with template arguments if it lacks them. */
  private namedType(d: Die): void {
    let name = d.string(C.DW_AT_name);
    if (name === undefined) {
      // An anonymous type is named by its tag: "structure ", "union ".
      const tag = C.nameOf('TAG', d.tag);
      if (tag?.startsWith('DW_TAG_') && tag.endsWith('_type')) this.text += `${tag.slice(7, -5)} `;
      return;
    }
    this.word = true;
    // Clang's simplified template names: "_STN|base|<args>"; the arguments are rebuilt from the children.
    const simplified = /^_STN\|([^|]*)\|/.exec(name);
    if (simplified) name = simplified[1]!;
    else this.endedWithTemplate = name.endsWith('>');
    this.text += name;
    if (name.endsWith('>') || !this.templateParameters(d)) return;
    if (this.endedWithTemplate) this.text += ' ';
    this.text += '>';
    this.endedWithTemplate = true;
    this.word = true;
  }

  private pointerLike(inner: Die | undefined, token: string): void {
    this.qualifiedNameBefore(inner);
    if (this.word) this.text += ' ';
    if (needsParens(inner)) this.text += '(';
    this.text += token;
    this.word = false;
    this.endedWithTemplate = false;
  }

  /** The part of the declarator after the name: parameter lists, array bounds, closing parentheses. */
  private after(d: Die | undefined, inner: Die | undefined, skipArtificialFirst = false): void {
    if (!d) return;
    this.enter(d);
    switch (d.tag) {
      case C.DW_TAG_subroutine_type: this.parameters(d, inner, skipArtificialFirst, false, false); break;
      case C.DW_TAG_array_type: this.bounds(d); break;
      case C.DW_TAG_const_type: case C.DW_TAG_volatile_type: this.qualifiersAfter(d); break;
      case C.DW_TAG_ptr_to_member_type: case C.DW_TAG_reference_type: case C.DW_TAG_rvalue_reference_type: case C.DW_TAG_pointer_type:
        if (needsParens(inner)) this.text += ')';
        this.after(inner, inner && referencedType(inner), d.tag === C.DW_TAG_ptr_to_member_type);
        break;
    }
    this.nesting--;
  }

  /**
   * The template arguments of `d` from its template parameter children, opening with '<'
   * (the caller closes). `first` is shared with the packs inside. False when `d` has none.
   */
  private templateParameters(d: Die, first = { value: true }): boolean {
    const own = first.value;
    let isTemplate = false;
    const separate = (): void => {
      this.text += first.value ? '<' : ', ';
      isTemplate = true;
      this.endedWithTemplate = false;
      first.value = false;
    };
    for (const c of d.unit.childrenOf(d)) {
      switch (c.tag) {
        case C.DW_TAG_GNU_template_parameter_pack:
          isTemplate = true;
          this.templateParameters(c, first);
          break;
        case C.DW_TAG_template_value_parameter:
          separate();
          this.templateValue(c);
          break;
        case C.DW_TAG_GNU_template_template_param:
          separate();
          this.text += c.string(C.DW_AT_GNU_template_name) ?? '';
          break;
        case C.DW_TAG_template_type_parameter:
          separate();
          this.qualifiedName(referencedType(c));
          break;
      }
    }
    // Only an empty parameter pack: "<" with nothing after it, which the caller closes.
    if (isTemplate && first.value && own) {
      this.text += '<';
      this.endedWithTemplate = false;
    }
    return isTemplate;
  }

  /** A template value argument, spelled by its type: enumerators cast, integers suffixed, characters quoted. */
  private templateValue(c: Die): void {
    const t = referencedType(c);
    if (!t || t.tag === C.DW_TAG_pointer_type) return;
    if (t.tag === C.DW_TAG_enumeration_type) {
      this.text += '(';
      this.qualifiedName(t);
      this.text += `)${constant(c, C.DW_AT_const_value, true) ?? ''}`;
      return;
    }
    const name = t.string(C.DW_AT_name) ?? '';
    const integer = INTEGER_ARGUMENTS.get(name);
    if (name === 'bool') this.text += constant(c, C.DW_AT_const_value, false) ? 'true' : 'false';
    else if (integer) this.text += `${integer.prefix}${constant(c, C.DW_AT_const_value, integer.signed) ?? ''}${integer.suffix}`;
    else if (name === 'char' || name === 'unsigned char' || name === 'signed char') {
      if (name !== 'char') this.text += `(${name})`;
      this.text += charLiteral(Number(constant(c, C.DW_AT_const_value, true) ?? 0n));
    }
  }

  private qualifiersBefore(n: Die): void {
    const { type, isConst, isVolatile } = decomposeQualifiers(n);
    const subroutine = type?.tag === C.DW_TAG_subroutine_type;
    let a = type;
    while (a && a.tag === C.DW_TAG_array_type) a = referencedType(a);
    // Qualifiers lead ("const char") unless they qualify a pointer, which they follow ("char *const").
    const leading = (!a || (a.tag !== C.DW_TAG_pointer_type && a.tag !== C.DW_TAG_ptr_to_member_type)) && !subroutine;
    if (leading) this.text += `${isConst ? 'const ' : ''}${isVolatile ? 'volatile ' : ''}`;
    this.qualifiedNameBefore(type);
    if (!leading && !subroutine) {
      this.word = true;
      this.text += [isConst && 'const', isVolatile && 'volatile'].filter(Boolean).join(' ');
    }
  }

  private qualifiersAfter(n: Die): void {
    const { type, isConst, isVolatile } = decomposeQualifiers(n);
    if (type?.tag === C.DW_TAG_subroutine_type) this.parameters(type, referencedType(type), false, isConst, isVolatile);
    else this.after(type, type && referencedType(type));
  }

  /**
   * A function type's parameter list and what follows it: its calling convention, the
   * qualifiers of a member function (from its artificial `this` parameter when asked to skip
   * it, for a pointer to member), then the declarator of its return type.
   */
  private parameters(d: Die, inner: Die | undefined, skipArtificialFirst: boolean, isConst: boolean, isVolatile: boolean): void {
    this.text += '(';
    this.endedWithTemplate = false;
    let first = true;
    let artificialThis: Die | undefined;
    let realFirst = true;
    for (const p of d.unit.childrenOf(d)) {
      // llvm stops at the first child that is not a parameter, without closing the list.
      if (p.tag !== C.DW_TAG_formal_parameter && p.tag !== C.DW_TAG_unspecified_parameters) return;
      const t = referencedType(p);
      if (skipArtificialFirst && realFirst && p.find(C.DW_AT_artificial) >= 0) {
        artificialThis = t;
        realFirst = false;
        continue;
      }
      if (!first) this.text += ', ';
      first = false;
      if (p.tag === C.DW_TAG_unspecified_parameters) this.text += '...';
      else this.qualifiedName(t);
    }
    this.endedWithTemplate = false;
    this.text += ')';
    if (artificialThis?.tag === C.DW_TAG_pointer_type) {
      // `this` is a pointer to the (cv-qualified) class: its qualifiers are the function's.
      let cv: Die | undefined = artificialThis;
      for (let step = 0; step < 2 && cv; step++) {
        cv = referencedType(cv);
        if (cv) {
          isConst ||= cv.tag === C.DW_TAG_const_type;
          isVolatile ||= cv.tag === C.DW_TAG_volatile_type;
        }
      }
    }
    const cc = constant(d, C.DW_AT_calling_convention, false);
    const convention = cc === undefined ? undefined : CALLING_CONVENTIONS.get(Number(cc));
    if (convention) this.text += ` __attribute__((${convention}))`;
    if (isConst) this.text += ' const';
    if (isVolatile) this.text += ' volatile';
    if (d.find(C.DW_AT_reference) >= 0) this.text += ' &';
    if (d.find(C.DW_AT_rvalue_reference) >= 0) this.text += ' &&';
    this.after(inner, inner && referencedType(inner));
  }

  /** Array bounds, one "[n]" per DW_TAG_subrange_type; "[[lb, ub)]" where the language's lower bound does not apply. */
  private bounds(d: Die): void {
    const language = constant(d.unit.root(), C.DW_AT_language, false);
    const defaultLower = language === undefined ? undefined : lowerBound(Number(language));
    for (const c of d.unit.childrenOf(d)) {
      if (c.tag !== C.DW_TAG_subrange_type) continue;
      let lower = constant(c, C.DW_AT_lower_bound, false);
      const count = constant(c, C.DW_AT_count, false);
      const upper = constant(c, C.DW_AT_upper_bound, false);
      if (defaultLower !== undefined && lower === defaultLower) lower = undefined;
      const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
      if (lower === undefined && count === undefined && upper === undefined) this.text += '[]';
      else if (lower === undefined && defaultLower !== undefined) this.text += `[${count ?? u64(upper! - defaultLower + 1n)}]`;
      else {
        const end = count !== undefined ? (lower !== undefined ? `${u64(lower + count)}` : `? + ${count}`) : upper !== undefined ? `${u64(upper + 1n)}` : '?';
        this.text += `[[${lower ?? '?'}, ${end})]`;
      }
    }
    this.endedWithTemplate = false;
  }
}

/** The type that attribute `at` of `d` refers to, through a type unit signature; undefined for void. */
function referencedType(d: Die, at = C.DW_AT_type): Die | undefined {
  const t = d.ref(at);
  return t && resolveTypeUnit(t);
}

/** A declaration with DW_AT_signature stands for the type of its type unit. */
function resolveTypeUnit(d: Die): Die {
  return (d.find(C.DW_AT_signature) >= 0 ? d.ref(C.DW_AT_signature) : undefined) ?? d;
}

function skipQualifiers(d: Die | undefined): Die | undefined {
  for (let n = 0; d && (d.tag === C.DW_TAG_const_type || d.tag === C.DW_TAG_volatile_type) && n < MAX_NESTING; n++) d = referencedType(d);
  return d;
}

/** Function and array types need parentheses around a pointer to them: "int (*)[4]". */
function needsParens(d: Die | undefined): boolean {
  const t = skipQualifiers(d);
  return t !== undefined && (t.tag === C.DW_TAG_subroutine_type || t.tag === C.DW_TAG_array_type);
}

/** Up to two stacked qualifiers (const volatile, in either order) and the type they qualify. */
function decomposeQualifiers(n: Die): { type: Die | undefined; isConst: boolean; isVolatile: boolean } {
  let isConst = n.tag === C.DW_TAG_const_type;
  let isVolatile = !isConst;
  let type = referencedType(n);
  if (type?.tag === C.DW_TAG_const_type) {
    isConst = true;
    type = referencedType(type);
  } else if (type?.tag === C.DW_TAG_volatile_type) {
    isVolatile = true;
    type = referencedType(type);
  }
  return { type, isConst, isVolatile };
}

/** DW_AT_name of `d` or of what it completes (DW_AT_abstract_origin, DW_AT_specification). */
function shortName(d: Die): string | undefined {
  const seen = new Set<number>();
  const work = [d];
  while (work.length) {
    const die = work.pop()!;
    if (seen.has(die.offset)) continue;
    seen.add(die.offset);
    const name = die.string(C.DW_AT_name);
    if (name !== undefined) return name;
    for (const at of [C.DW_AT_abstract_origin, C.DW_AT_specification]) {
      const next = die.ref(at);
      if (next) work.push(next);
    }
  }
  return undefined;
}

/**
 * A constant attribute as a 64-bit integer: the data forms sign-extended from their size when
 * `signed`, DW_FORM_sdata only when `signed`, DW_FORM_udata and implicit_const as they are.
 * Undefined when absent or of another class (an expression, a reference).
 */
function constant(d: Die, at: number, signed: boolean): bigint | undefined {
  const i = d.find(at);
  if (i < 0) return undefined;
  const form = d.form(i);
  const v = d.value(i);
  if (typeof v !== 'number' && typeof v !== 'bigint') return undefined;
  const big = BigInt(v);
  const bits = form === C.DW_FORM_data1 ? 8 : form === C.DW_FORM_data2 ? 16 : form === C.DW_FORM_data4 ? 32 : form === C.DW_FORM_data8 ? 64 : 0;
  if (bits) return signed ? BigInt.asIntN(bits, big) : big;
  if (form === C.DW_FORM_sdata) return signed ? big : undefined;
  if (form === C.DW_FORM_udata || form === C.DW_FORM_implicit_const) return big;
  return undefined;
}

function lowerBound(language: number): bigint | undefined {
  if (ONE_BASED.has(language)) return 1n;
  return C.nameOf('LANG', language) !== undefined && language !== C.DW_LANG_Mips_Assembler ? 0n : undefined;
}

/** A character template argument as Clang's CharacterLiteral prints it. */
function charLiteral(v: number): string {
  const escape = CHAR_ESCAPES.get(v);
  if (escape) return `'${escape}'`;
  if (v < 0 && v >= -256) v &= 0xff;
  if (v >= 32 && v < 127) return `'${String.fromCharCode(v)}'`;
  if (v < 256) return `'\\x${v.toString(16).padStart(2, '0')}'`;
  if (v <= 0xffff) return `'\\u${v.toString(16).padStart(4, '0')}'`;
  return `'\\U${v.toString(16).padStart(8, '0')}'`;
}
