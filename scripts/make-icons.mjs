// Draws the add-in icons (assets/icon-16.png … icon-80.png): a red seal-like square with a white table grid.
// Pure Node (zlib) so it runs anywhere; the PNGs are committed, rerun only to change the design.
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

const RED = [196, 30, 36, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function icon(x, y, s) {
  const m = Math.max(1, Math.round(s * 0.06));
  const radius = s * 0.16;
  const inside = (px, py) => {
    const cx = Math.min(Math.max(px, m + radius), s - 1 - m - radius);
    const cy = Math.min(Math.max(py, m + radius), s - 1 - m - radius);
    return (px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2;
  };
  if (!inside(x + 0.5, y + 0.5)) return CLEAR;
  const line = Math.max(1, Math.round(s / 20));
  const left = Math.round(s * 0.24), right = Math.round(s * 0.76), top = Math.round(s * 0.26), bottom = Math.round(s * 0.76);
  const inGrid = x >= left && x < right && y >= top && y < bottom;
  if (!inGrid) return RED;
  const rows = [top, Math.round(top + (bottom - top) / 3), Math.round(top + (2 * (bottom - top)) / 3), bottom - line];
  const cols = [left, Math.round(s * 0.42), right - line];
  const onRow = rows.some((r) => y >= r && y < r + line);
  const onCol = cols.some((c) => x >= c && x < c + line);
  if (y < rows[1] && y >= top) return WHITE; // header band
  return onRow || onCol ? WHITE : RED;
}

mkdirSync(new URL("../assets/", import.meta.url), { recursive: true });
for (const size of [16, 32, 64, 80, 128]) writeFileSync(new URL(`../assets/icon-${size}.png`, import.meta.url), png(size, icon));
