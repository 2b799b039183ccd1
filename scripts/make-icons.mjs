/**
 * Draws the app icon and the four tray icons (ok, warning, locked, disconnected) as PNGs in assets/.
 * Run after changing a design: node scripts/make-icons.mjs. The PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COLOURS = { ok: [46, 160, 90], warning: [222, 150, 20], locked: [214, 48, 49], disconnected: [120, 128, 140] };
const WHITE = [255, 255, 255];

function segment(x, y, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

/** The glyph of each state, in [-1, 1] coordinates (y down): true where white. */
const GLYPHS = {
  ok: (x, y) => segment(x, y, -0.42, 0.02, -0.12, 0.34) < 0.13 || segment(x, y, -0.12, 0.34, 0.44, -0.3) < 0.13,
  warning: (x, y) => segment(x, y, 0, -0.5, 0, 0.12) < 0.13 || Math.hypot(x, y - 0.42) < 0.14,
  locked: (x, y) => (Math.abs(x) < 0.4 && y > -0.05 && y < 0.5) || (y < 0 && Math.abs(Math.hypot(x, y + 0.05) - 0.26) < 0.09),
  disconnected: (x, y) => segment(x, y, -0.45, 0, 0.45, 0) < 0.13,
};

function pixel(state, x, y, appIcon) {
  const r = Math.hypot(x, y);
  if (appIcon && !(Math.abs(x) < 0.94 && Math.abs(y) < 0.94)) return null;
  if (r > 0.92) return appIcon ? [15, 20, 25] : null;
  if (GLYPHS[state](x, y)) return WHITE;
  const c = COLOURS[state];
  return r > 0.8 ? c.map((v) => Math.round(v * 0.7)) : c;
}

function render(state, size, appIcon = false) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let [rs, gs, bs, as] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / samples) / size) * 2 - 1;
          const c = pixel(state, x, y, appIcon);
          if (!c) continue;
          rs += c[0];
          gs += c[1];
          bs += c[2];
          as += 1;
        }
      }
      const o = 1 + px * 4;
      if (as > 0) row.set([Math.round(rs / as), Math.round(gs / as), Math.round(bs / as), Math.round((255 * as) / samples ** 2)], o);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'assets');
fs.mkdirSync(dir, { recursive: true });
for (const state of Object.keys(COLOURS)) {
  fs.writeFileSync(path.join(dir, `tray-${state}.png`), render(state, 16));
  fs.writeFileSync(path.join(dir, `tray-${state}@2x.png`), render(state, 32));
}
fs.writeFileSync(path.join(dir, 'icon.png'), render('ok', 512, true));
console.log(`icons written to ${dir}`);
