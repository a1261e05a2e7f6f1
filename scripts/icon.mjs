// Draws media/icon.png (the Marketplace icon, 128×128) from the geometry of media/leaklens.svg: the lens, its
// handle and the rising heap line, anti-aliased by distance, on a rounded dark tile. Run after changing the SVG:
//   node scripts/icon.mjs
// No image library: a PNG is an IHDR, zlib-compressed scanlines and an IEND, each chunk CRC-32 checked.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SCALE = (SIZE / 24) * 0.86; // the SVG's 24-unit box, with a margin
const OFFSET = (SIZE - 24 * SCALE) / 2;
const at = (x, y) => [OFFSET + x * SCALE, OFFSET + y * SCALE];

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

const [cx, cy] = at(10, 10);
const radius = 6.5 * SCALE;
const stroke = (2 * SCALE) / 2; // half the stroke width, a little bolder than the 1.6 of the 24 px glyph
const handle = [at(14.8, 14.8), at(21, 21)];
const heapLine = [at(6.5, 12.5), at(8.5, 9.5), at(10.5, 11), at(13.5, 7)];

/** Coverage (0..1) of a shape at a distance from its centre line, one pixel of anti-aliasing. */
const cover = (distance) => Math.max(0, Math.min(1, stroke + 0.5 - distance));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

const TILE = [30, 30, 30];
const LENS = [220, 220, 220];
const HEAP = [255, 140, 60];
const CORNER = 22;

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x++) {
    const [px, py] = [x + 0.5, y + 0.5];
    // Rounded tile: distance outside the inner rectangle minus the corner radius.
    const qx = Math.max(CORNER - px, px - (SIZE - CORNER), 0);
    const qy = Math.max(CORNER - py, py - (SIZE - CORNER), 0);
    const tile = Math.max(0, Math.min(1, CORNER + 0.5 - Math.hypot(qx, qy)));
    const lens = Math.max(cover(Math.abs(Math.hypot(px - cx, py - cy) - radius)), cover(segmentDistance(px, py, ...handle)));
    let heap = 0;
    for (let i = 1; i < heapLine.length; i++) heap = Math.max(heap, cover(segmentDistance(px, py, heapLine[i - 1], heapLine[i])));
    const color = mix(mix(TILE, LENS, lens), HEAP, heap);
    row.set([...color.map(Math.round), Math.round(255 * tile)], 1 + x * 4);
  }
  rows.push(row);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
writeFileSync(
  new URL('../media/icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
