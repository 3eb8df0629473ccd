/**
 * The inspector's screen: a tab bar, the page title, column headings, the rows on screen and a
 * status line, exactly one row shorter than the terminal (a taller frame makes ink clear the
 * screen on every render). Everything shown comes from the pure models in tui/model.
 */
import { Box, Text, useApp, useInput, useStdout, type Key as InkKey } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import { moveTo, visible } from './model/list.js';
import { fit, plain, titleText, VIEW_TITLES, VIEWS, type Line, type Style } from './model/page.js';
import { pageOf, refresh, update, type Key, type State, type World } from './model/state.js';

export const HELP = [
  'jitdbg tui: keys',
  '',
  '  ↑ ↓  j k        move one row        PgUp PgDn  Home End  page, first, last',
  '  Tab  Shift-Tab  next / previous view',
  '                  Modules Sections Symbols Disassembly Lines DIEs Hex',
  '  Enter           open: a module, a function, a call\'s target, a section',
  '  Esc  Backspace  go back to where Enter came from',
  '  /               filter symbols as you type (a capital: case-sensitive)',
  '  s  S            Symbols: sort by the next column / reverse the order',
  '  m               Symbols: mangled or demangled names',
  '  → ←  Enter      DIEs: unfold / fold an entry',
  '  [  ]            Lines, DIEs: previous / next compilation unit',
  '  g               go to an address (hex) or a symbol name',
  '  ?               this help                          q  quit',
  '',
  'Any key closes this help.',
];

/** Rows the frame spends around the list: tab bar, title, status line, and the row ink must leave free. */
const CHROME = 4;

function listHeight(rows: number, hasColumns: boolean): number {
  return Math.max(1, rows - CHROME - (hasColumns ? 1 : 0));
}

/** Control characters inside a multi-key input. */
const CONTROL: Record<string, Key> = { '\r': 'enter', '\n': 'enter', '\t': 'tab', '\x7f': 'backspace', '\b': 'backspace', '\x1b': 'escape' };

function toKey(input: string, key: InkKey): Key | undefined {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.tab) return key.shift ? 'shiftTab' : 'tab';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  // Terminals send DEL (0x7f) for the Backspace key, which ink reports as delete.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl || key.meta || input === '') return undefined;
  return { char: input };
}

const COLORS: Record<Style, { color?: string; dimColor?: boolean; bold?: boolean }> = {
  dim: { dimColor: true },
  accent: { color: 'yellow' },
  address: { color: 'cyan' },
  source: { color: 'green' },
  warn: { color: 'red', bold: true },
  name: {},
};

/** NO_COLOR keeps emphasis (dim, bold, inverse) and drops colours. */
function styleProps(style: Style | undefined, colors: boolean): { color?: string; dimColor?: boolean; bold?: boolean } {
  if (!style) return {};
  const s = COLORS[style];
  return colors ? s : { ...(s.dimColor ? { dimColor: true } : {}), ...(s.bold ? { bold: true } : {}) };
}

function Row({ line, width, selected, colors }: { line: Line; width: number; selected: boolean; colors: boolean }) {
  const cut = fit(line, width);
  if (selected) return <Text inverse>{plain(cut).padEnd(width)}</Text>;
  return (
    <Text wrap="truncate">
      {cut.length === 0 ? ' ' : cut.map((span, i) => <Text key={i} {...styleProps(span.style, colors)}>{span.text}</Text>)}
    </Text>
  );
}

export function App({ world, initial, colors }: { world: World; initial: State; colors: boolean }) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [size, setSize] = useState({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [state, setState] = useState(initial);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const heightRef = useRef(20);

  useEffect(() => {
    const resized = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', resized);
    world.changed = () => {
      redraw();
      setState((s) => refresh(s, world, heightRef.current));
    };
    return () => {
      stdout.off('resize', resized);
      world.changed = undefined;
    };
  }, [stdout, world]);

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  const page = pageOf(state, world);
  const height = listHeight(size.rows, page.columns !== undefined);
  heightRef.current = height;
  const width = Math.max(10, size.columns);

  useInput((input, key) => {
    const k = toKey(input, key);
    if (k === undefined) return;
    // Typed fast or pasted, several keys come as one input: each is a key.
    const keys: Key[] = typeof k === 'object' ? [...k.char].map((char) => CONTROL[char] ?? { char }) : [k];
    setState((s) => keys.reduce((next, one) => update(next, one, world, height), s));
  });

  const cursor = moveTo(state.views[state.view].cursor, state.views[state.view].cursor.index, page.count, height);
  const { top, end } = visible(cursor, page.count, height);
  const rows: Line[] = [];
  for (let i = top; i < end; i++) rows.push(page.row(i));

  const tabs: Line = VIEWS.map((v) => (v === state.view ? { text: `[${VIEW_TITLES[v]}]`, style: 'accent' } : { text: ` ${VIEW_TITLES[v]} `, style: 'dim' }));
  const status = state.prompt
    ? `${state.prompt.kind === 'filter' ? '/' : 'go to: '}${state.prompt.text}█`
    : state.message ?? (world.notice && world.notice.until > Date.now() ? world.notice.text : undefined) ?? (page.count > 0 ? page.describe?.(cursor.index) : undefined) ?? 'Tab view  Enter open  Esc back  / filter  g go to  ? help  q quit';
  const gone = state.view !== 'modules' ? world.docs[state.doc]?.registration?.goneAt : undefined;
  const position = page.count > 0 ? ` ${cursor.index + 1}/${page.count}` : '';

  if (state.help) {
    return (
      <Box flexDirection="column" height={size.rows - 1}>
        {HELP.slice(0, size.rows - 1).map((l, i) => <Row key={i} line={[{ text: l }]} width={width} selected={false} colors={colors} />)}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={size.rows - 1}>
      <Row line={[{ text: 'jitdbg ', style: 'name' }, ...tabs]} width={width} selected={false} colors={colors} />
      <Row line={[{ text: titleText(VIEW_TITLES[state.view], page.title, width) }, ...(gone ? [{ text: `  [unregistered ${gone.toLocaleTimeString('en-GB')}]`, style: 'warn' as const }] : [])]} width={width} selected={false} colors={colors} />
      {page.columns && <Row line={page.columns} width={width} selected={false} colors={colors} />}
      <Box flexDirection="column" height={height}>
        {rows.map((line, i) => <Row key={top + i} line={line} width={width} selected={top + i === cursor.index} colors={colors} />)}
      </Box>
      <Row line={[{ text: status.slice(0, Math.max(0, width - position.length)).padEnd(Math.max(0, width - position.length)) }, { text: position, style: 'dim' }]} width={width} selected={false} colors={colors} />
    </Box>
  );
}
