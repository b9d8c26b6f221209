// Draws media/icon.png (128×128): an S-shaped scaling curve that stays at the dashed chance line for small
// models and jumps for large ones. Plain Node (zlib), 4× supersampled; run `node media/icon.mjs` to redraw.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;
const W = SIZE * SS;
const rgba = new Float64Array(W * W * 4);

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const BG = hex('#14161f');
const AXIS = hex('#5b6078');
const CHANCE = hex('#8a90a8');
const CURVE = hex('#3fc1c9');
const DOT = hex('#9aa3c7');
const SPARK = hex('#ffc83d');

function blend(x, y, [r, g, b], a = 1) {
  if (x < 0 || y < 0 || x >= W || y >= W) return;
  const i = (y * W + x) * 4;
  rgba[i] = rgba[i] * (1 - a) + r * a;
  rgba[i + 1] = rgba[i + 1] * (1 - a) + g * a;
  rgba[i + 2] = rgba[i + 2] * (1 - a) + b * a;
  rgba[i + 3] = Math.max(rgba[i + 3], a * 255);
}

/** Fills every supersample whose centre (in icon pixels) satisfies `inside`. */
function fill(inside, color, a = 1) {
  for (let y = 0; y < W; y++) for (let x = 0; x < W; x++) if (inside((x + 0.5) / SS, (y + 0.5) / SS)) blend(x, y, color, a);
}

const segDist = (px, py, ax, ay, bx, by) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};

// Rounded square background.
const R = 22;
fill((x, y) => {
  const cx = Math.min(Math.max(x, R), SIZE - R), cy = Math.min(Math.max(y, R), SIZE - R);
  return Math.hypot(x - cx, y - cy) <= R;
}, BG);

// Axes.
fill((x, y) => segDist(x, y, 22, 20, 22, 106) <= 2.2 || segDist(x, y, 22, 106, 110, 106) <= 2.2, AXIS);

// Dashed chance line.
const CHANCE_Y = 88;
fill((x, y) => x > 26 && x < 108 && Math.abs(y - CHANCE_Y) <= 1.6 && Math.floor((x - 26) / 7) % 2 === 0, CHANCE, 0.9);

// Logistic curve from the chance line to the top.
const curveY = (x) => CHANCE_Y - 62 / (1 + Math.exp(-(x - 77) / 5));
const samples = Array.from({ length: 200 }, (_, i) => 28 + (i * 80) / 199).map((x) => [x, curveY(x)]);
fill((x, y) => {
  for (let i = 1; i < samples.length; i++) if (segDist(x, y, samples[i - 1][0], samples[i - 1][1], samples[i][0], samples[i][1]) <= 3.2) return true;
  return false;
}, CURVE);

// Results: small models at chance, large ones far above.
for (const [x, color, r] of [[34, DOT, 5], [48, DOT, 5], [62, DOT, 5], [90, SPARK, 7], [104, SPARK, 7]]) {
  const y = x < 78 ? CHANCE_Y : curveY(x);
  fill((px, py) => Math.hypot(px - x, py - y) <= r + 2.2, BG);
  fill((px, py) => Math.hypot(px - x, py - y) <= r, color);
}

// Downsample and encode.
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const i = ((y * SS + sy) * W + (x * SS + sx)) * 4;
        const a = rgba[i + 3] / 255;
        sum[0] += rgba[i] * a;
        sum[1] += rgba[i + 1] * a;
        sum[2] += rgba[i + 2] * a;
        sum[3] += a;
      }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const alpha = sum[3] / (SS * SS);
    for (let c = 0; c < 3; c++) raw[o + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
    raw[o + 3] = Math.round(alpha * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
