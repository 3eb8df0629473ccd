// Dexter's expected values (LLDB's text) against GDB's printed values, for both Dexter formats:
// the forms below are what GDB 13 prints for -data-evaluate-expression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalValue, gdbShows, gdbTruthy, leadingAddress } from '../../../src/check/dexter/values.js';

test('equal text matches; chars by number, quoted or bare', () => {
  assert.ok(gdbShows('5', '5'));
  assert.ok(!gdbShows('6', '5'));
  assert.ok(!gdbShows('1.5', '1'));
  assert.ok(gdbShows('{x = 1, y = 2}', '{x = 1, y = 2}'));
  assert.ok(gdbShows("97 'a'", "'a'"));
  assert.ok(gdbShows("97 'a'", 'a'));
  assert.ok(gdbShows("97 'a'", '97'));
  assert.ok(!gdbShows("97 'a'", "'b'"));
  assert.ok(gdbShows("10 '\\n'", "'\\n'"));
  assert.ok(gdbShows("-3 '\\375'", '-3'));
  assert.ok(gdbShows('true', 'true'));
});

test('pointers by address as a number, or their string; references by their value', () => {
  assert.ok(gdbShows('0x4010 <table>', '0x4010'));
  assert.ok(gdbShows('0x555555556008 "abc"', '0x0000555555556008'));
  assert.ok(gdbShows('0x4010 "abc"', '"abc"'));
  assert.ok(gdbShows('(int *) 0x4010', '0x4010'));
  assert.ok(!gdbShows('0x4010 <table>', '0x4011'));
  assert.ok(gdbShows('@0x7ffc10: 5', '5'));
  assert.equal(leadingAddress('0x4011 <f>'), 0x4011n);
  assert.equal(leadingAddress('(char *) 0x10 "x"'), 0x10n);
  assert.equal(leadingAddress('5'), undefined);
});

test('canonicalValue names the expected value GDB showed; gdbTruthy reads C and C++ truth', () => {
  assert.equal(canonicalValue("97 'a'", ["'b'", "'a'"]), "'a'");
  assert.equal(canonicalValue('7', ['8']), '7');
  assert.ok(gdbTruthy('1') && gdbTruthy('true') && gdbTruthy('-2'));
  assert.ok(!gdbTruthy('0') && !gdbTruthy('false') && !gdbTruthy(undefined));
});
