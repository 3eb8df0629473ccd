import type { MiTuple, MiValue } from './parse.js';

/** A stack frame as MI describes it (`frame={...}` of `*stopped`, elements of `-stack-list-frames`). */
export interface MiFrame {
  level: number | undefined;
  addr: string | undefined;
  func: string | undefined;
  /** The file name as recorded in the debug info (DW_AT_name of the line table entry). */
  file: string | undefined;
  /** GDB's absolute path for `file`. */
  fullname: string | undefined;
  line: number | undefined;
  /** The object file, for frames without line information. */
  from: string | undefined;
}

/** The frame fields of a `frame` tuple; fields that are missing or not strings are undefined. */
export function toMiFrame(frame: MiTuple): MiFrame {
  return {
    level: integer(frame.level),
    addr: text(frame.addr),
    func: text(frame.func),
    file: text(frame.file),
    fullname: text(frame.fullname),
    line: integer(frame.line),
    from: text(frame.from),
  };
}

/** `value` when it is a string. */
export function text(value: MiValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value` when it is a string of decimal digits. */
export function integer(value: MiValue | undefined): number | undefined {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** `value` when it is a tuple (neither a string nor a list). */
export function tuple(value: MiValue | undefined): MiTuple | undefined {
  return typeof value === 'object' && !Array.isArray(value) ? (value as MiTuple) : undefined;
}
