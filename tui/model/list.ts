/**
 * A cursor over a list of `count` rows of which `height` are on screen. Views never build
 * rows they do not show: a screen asks for rows top..top+height only, so a list of 150,000
 * symbols costs what 24 rows cost.
 */
export interface Cursor {
  /** The selected row. */
  index: number;
  /** The first row on screen. */
  top: number;
}

export const START: Cursor = { index: 0, top: 0 };

/** `index` clamped to the list, with `top` moved just enough to keep it on screen. */
export function moveTo(c: Cursor, index: number, count: number, height: number): Cursor {
  const i = Math.max(0, Math.min(index, count - 1));
  const rows = Math.max(1, height);
  let top = Math.min(c.top, Math.max(0, count - rows));
  if (i < top) top = i;
  else if (i >= top + rows) top = i - rows + 1;
  return { index: Math.max(0, i), top: Math.max(0, top) };
}

/** `index` selected and shown a few rows below the top edge, as when jumping to it. */
export function reveal(index: number, count: number, height: number): Cursor {
  const context = Math.min(3, Math.floor(height / 4));
  return moveTo({ index, top: Math.max(0, index - context) }, index, count, height);
}

/** The rows [top, end) on screen. */
export function visible(c: Cursor, count: number, height: number): { top: number; end: number } {
  const top = Math.max(0, Math.min(c.top, count - 1));
  return { top, end: Math.min(count, top + Math.max(0, height)) };
}
