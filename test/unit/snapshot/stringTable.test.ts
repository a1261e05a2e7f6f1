import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StringTableBuilder } from '../../../src/heap/snapshot/stringTable';

function table(strings: string[], sized: boolean) {
  const b = new StringTableBuilder();
  if (sized) b.expect(strings.reduce((n, s) => n + Buffer.byteLength(s) + 3, 0));
  strings.forEach((s, i) => (i % 2 ? b.addString(s) : b.add(Buffer.from(`«${s}»`), Buffer.byteLength('«'), Buffer.byteLength(`«${s}`))));
  return b.build();
}

// Enough strings to cross many of the table's marks (one per 16 strings), with empty, multi-byte and
// repeated ones, and strings long enough to take the native copy.
const strings = Array.from({ length: 1000 }, (_, i) =>
  i % 7 === 0 ? '' : i % 5 === 0 ? `ünï ${i} 🙂` : i % 11 === 0 ? 'x'.repeat(60 + i) : `s${i % 300}`,
);

test('every string reads back, whether the table was sized up front or grew', () => {
  for (const sized of [false, true]) {
    const t = table(strings, sized);
    assert.equal(t.length, strings.length);
    assert.deepEqual(t.toArray(), strings);
    for (const i of [0, 1, 15, 16, 17, 31, 32, 999]) assert.equal(t.get(i), strings[i]);
  }
});

test('indexOf finds the first equal string, also at the start, and -1 when there is none', () => {
  const t = table(strings, true);
  for (const s of ['', 's1', 's299', 'ünï 5 🙂', 'x'.repeat(60 + 11), strings[999]!])
    assert.equal(t.indexOf(s), strings.indexOf(s), JSON.stringify(s));
  assert.equal(t.indexOf('s'), -1);
  assert.equal(t.indexOf('s1000'), -1);
  assert.equal(t.indexOf('nowhere'), -1);
  const first = table(['abc', 'ab', 'abc'], false);
  assert.equal(first.indexOf('abc'), 0);
  assert.equal(first.indexOf('ab'), 1);
  assert.equal(first.indexOf('bc'), -1);
  assert.equal(table([], false).indexOf(''), -1);
});

test('addPlain copies plain strings and stops before an escape, a string the chunk cuts, or anything else', () => {
  const b = new StringTableBuilder();
  const text = Buffer.from('"a", "ünï"\n,"",\t"b\\"c","d"');
  const stop = b.addPlain(text, 0, text.length);
  assert.equal(text.toString('utf8', stop, stop + 3), '"b\\');
  assert.equal(b.length, 3);
  const cut = Buffer.from('"x","yz"');
  assert.equal(b.addPlain(cut, 0, 6), 4, 'stops at the string the end cuts');
  assert.equal(b.addPlain(Buffer.from(',"e"]'), 0, 5), 4, 'stops at the "]"');
  assert.deepEqual(b.build().toArray(), ['a', 'ünï', '', 'x', 'e']);
});
