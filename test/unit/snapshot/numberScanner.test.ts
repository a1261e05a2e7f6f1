import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SnapshotFormatError } from '../../../src/heap/snapshot/graph';
import { NumberScanner } from '../../../src/heap/snapshot/numberScanner';

/** The numbers of `text` (an array's body after its `[`), read in chunks of `sizes` bytes (the last repeated). */
function scan(text: string, sizes: number[]): { numbers: number[]; closed: boolean; rest: number } {
  const bytes = Buffer.from(text, 'latin1');
  const scanner = new NumberScanner();
  scanner.start('nodes');
  const numbers: number[] = [];
  let rest = 0;
  for (let at = 0, k = 0; at < bytes.length && !scanner.closed; k++) {
    const chunk = bytes.subarray(at, at + sizes[Math.min(k, sizes.length - 1)]!);
    let i = 0;
    while (i < chunk.length && !scanner.closed) {
      i = scanner.scan(chunk, i, chunk.length, at);
      numbers.push(...scanner.batch.subarray(0, scanner.count));
      scanner.keep(scanner.count);
    }
    rest = chunk.length - i;
    at += chunk.length;
  }
  return { numbers, closed: scanner.closed, rest };
}

// Every length from 1 to 10 digits, zeros and the largest 32-bit value, in V8's layout and in others JSON allows.
const values = [0, 7, 42, 999, 1000, 65535, 100000, 1234567, 12345678, 123456789, 4294967295, 1000000000, 10, 5];
const layouts: Record<string, string> = {
  v8: values.join(',').replace(/,(\d+,\d+,)/g, ',$1\n'),
  plain: values.join(','),
  spaces: ` ${values.join(' , ')} `,
  crlf: values.join('\r\n,'),
  tabs: values.join(',\t'),
  'newline after': values.join(',\n'),
};
// Long enough that most numbers take the fast path (it stays 16 bytes from a chunk's end).
const long = (layout: string) => Array.from({ length: 20 }, () => layout).join(',');

test('numbers equal JSON.parse of the same array in every layout, whatever the chunk boundaries', () => {
  for (const [name, body] of Object.entries(layouts)) {
    for (const text of [body, long(body)]) {
      const expected = JSON.parse(`[${text}]`) as number[];
      for (const size of [1, 2, 3, 5, 7, 11, 16, 17, 31, 64, 1 << 20]) {
        const r = scan(`${text}]`, [size]);
        assert.deepEqual(r.numbers, expected, `${name}, chunks of ${size}`);
        assert.ok(r.closed, `${name}: the "]" closes it`);
      }
    }
  }
});

test('a number split at any byte between two chunks reads as one', () => {
  const text = `${long(layouts.v8!)}]`;
  const expected = JSON.parse(`[${text}`) as number[];
  for (let split = 1; split < text.length; split += 1)
    assert.deepEqual(scan(text, [split, 1 << 20]).numbers, expected, `split at ${split}`);
});

test('empty arrays, and the bytes after the "]" left to the caller', () => {
  for (const text of [']', ' ]', '\n]']) assert.deepEqual(scan(text, [64]), { numbers: [], closed: true, rest: 0 });
  assert.deepEqual(scan('1,2],"edges":[', [64]), { numbers: [1, 2], closed: true, rest: 10 });
});

test('malformed arrays: one clear error, naming the array and the byte, in the fast path and the slow', () => {
  const cases: [string, RegExp][] = [
    [',1]', /expected a number in "nodes", found "," at byte 0/],
    ['1,,2]', /expected a number in "nodes", found "," at byte 2/],
    ['1,]', /expected a number in "nodes", found "]" at byte 2/],
    ['1 2]', /expected "," between numbers in "nodes", found "2" at byte 2/],
    ['-1]', /non-negative integers only in "nodes", found "-" at byte 0/],
    ['1.5]', /non-negative integers only in "nodes", found "." at byte 1/],
    ['1e3]', /non-negative integers only in "nodes", found "e" at byte 1/],
    ['"1"]', /non-negative integers only in "nodes", found "\\"" at byte 0/],
    ['4294967296]', /the number 4294967296 in "nodes" does not fit 32 bits/],
    ['12345678901]', /the number 12345678901 in "nodes" does not fit 32 bits/],
  ];
  const prefix = `${long(layouts.v8!)},`;
  for (const [bad, pattern] of cases) {
    for (const [text, shift] of [
      [bad, 0],
      [prefix + bad + ',1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]', prefix.length],
    ] as const) {
      const at = (m: string) => m.replace(/at byte (\d+)/, (_, n) => `at byte ${Number(n) - shift}`);
      for (const size of [1, 3, 1 << 20]) {
        assert.throws(
          () => scan(text, [size]),
          (e: unknown) => e instanceof SnapshotFormatError && pattern.test(at(e.message)),
          `${JSON.stringify(bad)} after ${shift} bytes, chunks of ${size}`,
        );
      }
    }
  }
});
