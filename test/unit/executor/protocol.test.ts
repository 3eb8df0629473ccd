// The executor protocol's framing and fields: frames survive any split of the byte stream, a
// frame over the limit or with an unknown status is refused before its payload is awaited, and
// a field past a message's end is a FormatError, not a read of whatever follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatError } from '../../../src/binary/errors.js';
import {
  encodeFrame, FAILED, FieldReader, Fields, FrameReader, HEADER_SIZE, MAX_PAYLOAD, OK, Op, readValue, REQUEST, writeValue,
} from '../../../src/executor/protocol.js';

function frames(): Uint8Array[] {
  return [
    encodeFrame(1, Op.lookup, REQUEST, new Fields().strings(['printf', 'ünïcode']).done()),
    encodeFrame(2, Op.read, OK, new Fields().bytes(Uint8Array.from({ length: 70_000 }, (_, i) => i & 0xff)).done()),
    encodeFrame(3, Op.exit, FAILED, new Uint8Array(0)),
  ];
}

test('frames come out whole and in order, however the stream is cut', () => {
  const whole = new Uint8Array(Buffer.concat(frames()));
  for (const cut of [1, 5, 12, 13, 4096, whole.length]) {
    const reader = new FrameReader();
    const got = [];
    for (let at = 0; at < whole.length; at += cut) got.push(...reader.push(whole.subarray(at, at + cut)));
    assert.deepEqual(got.map((f) => [f.id, f.op, f.status, f.payload.length]), frames().map((b) => {
      const v = new DataView(b.buffer);
      return [v.getUint32(4, true), v.getUint16(8, true), v.getUint16(10, true), b.length - HEADER_SIZE];
    }), `cut every ${cut} bytes`);
    const names = new FieldReader(got[0]!.payload, 'lookup').strings();
    assert.deepEqual(names, ['printf', 'ünïcode']);
    assert.deepEqual(new FieldReader(got[1]!.payload, 'read').bytes(), Uint8Array.from({ length: 70_000 }, (_, i) => i & 0xff));
  }
});

test('a header announcing more than the limit is refused at once, without waiting for the bytes', () => {
  const header = encodeFrame(7, Op.call, REQUEST, new Uint8Array(0));
  new DataView(header.buffer).setUint32(0, MAX_PAYLOAD + 1, true);
  const before = encodeFrame(6, Op.exit, REQUEST, new Uint8Array(0));
  const reader = new FrameReader();
  assert.deepEqual(reader.push(new Uint8Array(Buffer.concat([before, header]))).map((f) => f.id), [6], 'the whole frame before it is kept');
  assert.ok(reader.error instanceof FormatError && /over the \d+-byte limit/.test(reader.error.message));
  assert.deepEqual(reader.push(before), [], 'nothing is read past it');
  assert.throws(() => encodeFrame(1, Op.read, OK, new Uint8Array(MAX_PAYLOAD + 1)), RangeError);
});

test('a status other than request, ok or failed is refused', () => {
  const f = encodeFrame(7, Op.call, REQUEST, new Uint8Array(0));
  new DataView(f.buffer).setUint16(10, 9, true);
  const reader = new FrameReader();
  assert.deepEqual(reader.push(f), []);
  assert.match(reader.error!.message, /status 9/);
});

test('fields read back as written; reading past the end or leaving bytes is a FormatError', () => {
  const payload = new Fields().u8(7).u32(0xdeadbeef).u64(2 ** 47 + 3).f64(-0.5).string('x').done();
  const r = new FieldReader(payload, 'test');
  assert.deepEqual([r.u8(), r.u32(), r.u64(), r.f64(), r.string()], [7, 0xdeadbeef, 2 ** 47 + 3, -0.5, 'x']);
  r.end();
  assert.throws(() => r.u8(), FormatError);
  const extra = new FieldReader(new Fields().u32(1).u8(0).done(), 'test');
  extra.u32();
  assert.throws(() => extra.end(), /1 bytes follow the last field/);
  // A byte string claiming more than the message holds.
  const lying = new Fields().u32(1000).done();
  assert.throws(() => new FieldReader(lying, 'test').bytes(), FormatError);
  assert.throws(() => new FieldReader(new Fields().u32(2 ** 31).done(), 'test').strings(), /longer than its message/);
});

test('call values of every kind cross unchanged; other kinds are refused before sending', () => {
  const values = [null, 42, -1.25, -5n, 2n ** 63n - 1n, 'héllo', true, false, ['a', '', null]];
  const f = new Fields();
  for (const v of values) writeValue(f, v);
  const r = new FieldReader(f.done(), 'values');
  assert.deepEqual(values.map(() => readValue(r)), values);
  assert.throws(() => writeValue(new Fields(), { x: 1 }), TypeError);
  assert.throws(() => readValue(new FieldReader(new Uint8Array([99]), 'values')), /unknown value tag 99/);
});
