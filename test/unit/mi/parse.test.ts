import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FormatError } from '../../../src/binary/index.js';
import { MiParseError, allValues, resultNames, parseOutput, parseRecord, type MiRecord, type MiTuple } from '../../../src/mi/index.js';
import { join } from 'node:path';
import { root } from '../../fixtures/corpus.js';

const transcriptPath = join(root, 'test', 'unit', 'mi', 'gdb13-transcript.mi');

// Records below are lines GDB 13 printed (gdb13-transcript.mi holds the sessions they come from)
// or examples from the GDB manual's "GDB/MI Output Records".

function results(line: string): MiTuple {
  const r = parseRecord(line);
  assert.ok('results' in r, line);
  return r.results;
}

test('result records: token, class, results', () => {
  assert.deepEqual(parseRecord('7^error,msg="Undefined MI command: bogus",code="undefined-command"'), {
    type: 'result', token: '7', class: 'error', results: { msg: 'Undefined MI command: bogus', code: 'undefined-command' },
  });
  for (const cls of ['done', 'running', 'connected', 'exit'] as const) {
    assert.deepEqual(parseRecord(`^${cls}`), { type: 'result', token: undefined, class: cls, results: {} });
  }
  const done = results('3^done,stack=[frame={level="0",addr="0x0000555555555154",func="fact",file="fact.c",line="13"},frame={level="1",func="main",line="37"}]');
  const stack = done.stack as MiTuple[];
  assert.deepEqual(stack.map((f) => f.func), ['fact', 'main']);
  assert.deepEqual(resultNames(stack), ['frame', 'frame']);
  assert.equal(resultNames(['a', 'b']), undefined);
  assert.deepEqual(results('4^done,locals=[],empty={},ids=["i1","i2"]'), { locals: [], empty: {}, ids: ['i1', 'i2'] });
});

test('async records: exec, status and notify', () => {
  const stopped = parseRecord('*stopped,reason="function-finished",frame={addr="0x000055555555517d",func="fact",args=[{name="n",value="5"}],line="16"},gdb-result-var="$1",return-value="24",thread-id="1"');
  assert.equal(stopped.type, 'exec');
  assert.ok(stopped.type === 'exec');
  assert.equal(stopped.class, 'stopped');
  assert.equal(stopped.results['return-value'], '24');
  assert.deepEqual((stopped.results.frame as MiTuple).args, [{ name: 'n', value: '5' }]);
  assert.deepEqual(parseRecord('*running,thread-id="all"'), { type: 'exec', token: undefined, class: 'running', results: { 'thread-id': 'all' } });
  assert.deepEqual(parseRecord('=thread-group-started,id="i1",pid="4735"'), { type: 'notify', token: undefined, class: 'thread-group-started', results: { id: 'i1', pid: '4735' } });
  // GDB manual, -target-download: a tuple without a name.
  const download = parseRecord('+download,{section=".text",section-size="6668",total-size="9880"}');
  assert.equal(download.type, 'status');
  assert.deepEqual(allValues((download as { results: MiTuple }).results, ''), [{ section: '.text', 'section-size': '6668', 'total-size': '9880' }]);
  assert.equal((parseRecord('12*stopped') as { token: string }).token, '12');
});

test('stream records and c-string escapes (octal escapes are UTF-8 bytes)', () => {
  assert.deepEqual(parseRecord('~"13\\t  calls++;\\n"'), { type: 'console', text: '13\t  calls++;\n' });
  assert.deepEqual(parseRecord('@"target says\\r\\n"'), { type: 'target', text: 'target says\r\n' });
  assert.deepEqual(parseRecord('&"Undefined command: \\"frobnicate\\".  Try \\"help\\".\\n"'), {
    type: 'log', text: 'Undefined command: "frobnicate".  Try "help".\n',
  });
  // "café Été € 😀" as GDB 13 prints it: every byte >= 0x80 as an octal escape.
  assert.equal((parseRecord('~"caf\\303\\251 \\303\\211t\\303\\251 \\342\\202\\254 \\360\\237\\230\\200"') as { text: string }).text, 'café Été € 😀');
  // Raw UTF-8 bytes, alone or mixed with escapes of the same character (É is 0xc3 0x89).
  assert.equal((parseRecord(Uint8Array.from([0x7e, 0x22, 0xc3, 0x5c, 0x32, 0x31, 0x31, 0x22])) as { text: string }).text, 'É');
  assert.equal((parseRecord('~"né"') as { text: string }).text, 'né');
  assert.equal((parseRecord('~"\\e[1m\\a\\b\\f\\v\\0\\12\\177\\\\\\\'"') as { text: string }).text, '\x1b[1m\x07\b\f\v\0\n\x7f\\\'');
  assert.equal((parseRecord('~"\\1234"') as { text: string }).text, 'S4');
  assert.equal((parseRecord('~""') as { text: string }).text, '');
});

test('the prompt, CRLF line ends and parseOutput', () => {
  assert.deepEqual(parseRecord('(gdb) '), { type: 'prompt' });
  assert.deepEqual(parseRecord('(gdb)'), { type: 'prompt' });
  assert.deepEqual(parseOutput('^done\r\n(gdb) \r\n'), [{ type: 'result', token: undefined, class: 'done', results: {} }, { type: 'prompt' }]);
  assert.deepEqual(parseOutput('~"a"\n~"b"'), [{ type: 'console', text: 'a' }, { type: 'console', text: 'b' }]);
  assert.deepEqual(parseOutput(''), []);
});

test('duplicate names: the property holds the first value, allValues() returns each', () => {
  const r = results('=breakpoint-modified,bkpt={number="1",addr="<MULTIPLE>"},bkpt={number="1.1"},bkpt={number="1.2"}');
  assert.equal((r.bkpt as MiTuple).number, '1');
  assert.deepEqual(allValues(r, 'bkpt').map((b) => (b as MiTuple).number), ['1', '1.1', '1.2']);
  assert.deepEqual(allValues(r, 'missing'), []);
  assert.deepEqual(allValues(results('^done,a="x"'), 'a'), ['x']);
  // deepEqual sees the plain properties only.
  assert.deepEqual(results('^done,a="1",a="2"'), { a: '1' });
  // Names that are special to JavaScript objects stay plain data.
  const odd = results('^done,__proto__={polluted="yes"},constructor="c",hasOwnProperty="h"');
  assert.equal(Object.getPrototypeOf(odd), Object.prototype);
  assert.deepEqual(Object.keys(odd), ['__proto__', 'constructor', 'hasOwnProperty']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('MI2 multi-location breakpoints (values without names) from the recorded transcript', () => {
  const records = parseOutput(readFileSync(transcriptPath));
  const multi = records.filter((r): r is Extract<MiRecord, { results: MiTuple }> => 'results' in r && (r.results.bkpt as MiTuple | undefined)?.addr === '<MULTIPLE>');
  assert.ok(multi.length >= 2);
  for (const r of multi) {
    // MI2 repeats the name (as values without one); MI3 nests a list.
    const locations = allValues(r.results, 'bkpt').slice(1).concat((r.results.bkpt as MiTuple).locations ?? []) as MiTuple[];
    assert.deepEqual(locations.slice(0, 2).map((l) => l.func), ['Shape::name() const', 'Square::name() const']);
    assert.deepEqual(locations.map((l) => l.number), locations.map((_, k) => `1.${k + 1}`));
  }
  // GDB writes `body=[bkpt={...},{...},{...}]` in MI2 too: a list of results with nameless elements.
  const body = records.flatMap((r) => ('results' in r && r.results.BreakpointTable ? [(r.results.BreakpointTable as MiTuple).body as MiTuple[]] : []));
  assert.ok(body.some((b) => resultNames(b)?.join() === 'bkpt,bkpt,bkpt'));
});

test('bad input: MiParseError (a FormatError) with line and column', () => {
  const cases: [string, number, number, RegExp][] = [
    ['^done\n1^done,a="x\n', 2, 10, /unterminated c-string/],
    ['^done,', 1, 7, /expected a name/],
    ['^finished', 1, 2, /unknown result class 'finished'/],
    ['^done,a="1"}', 1, 12, /expected ','/],
    ['~"ok"\n~"a\\q"', 2, 4, /unknown escape \\'q'/],
    ['~"\\400"', 1, 3, /more than a byte/],
    ['12~"x"', 1, 1, /stream record has no token/],
    ['hello', 1, 1, /expected a record/],
    ['^done\n\n', 2, 1, /expected a record/],
    ['^done,a=[b="1",]', 1, 16, /expected a name or a value/],
    ['^done,a=["1",b="2"]', 1, 14, /expected a value/],
    ['^done,a={b="1"', 1, 15, /expected ','/],
    ['(gdb) x', 1, 7, /unexpected 'x'/],
    ['~"x"y', 1, 5, /unexpected 'y'/],
    ['*', 1, 2, /expected a class/],
  ];
  for (const [input, line, column, message] of cases) {
    assert.throws(() => parseOutput(input), (e: unknown) => {
      assert.ok(e instanceof MiParseError && e instanceof FormatError, `${JSON.stringify(input)}: ${String(e)}`);
      assert.equal(e.name, 'MiParseError');
      assert.deepEqual([e.line, e.column], [line, column], `${JSON.stringify(input)}: ${e.message}`);
      assert.match(e.message, message);
      assert.match(e.message, new RegExp(`^line ${line}, column ${column}: `));
      return true;
    });
  }
  assert.throws(() => parseRecord('^done,a=' + '['.repeat(100_000)), /nested deeper than/);
  assert.throws(() => parseRecord('^done,a=' + '{a='.repeat(100_000)), MiParseError);
});
