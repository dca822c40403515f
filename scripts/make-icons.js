#!/usr/bin/env node
/* global Buffer */
// Draws the add-in's icons (assets/icon-<size>.png) with nothing but Node: three coloured cluster
// centres, each with a few member points at the larger sizes, on a light rounded tile. The PNGs are
// committed; run `node scripts/make-icons.js` again only to change the artwork.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.join(__dirname, "..", "assets");
const SUPERSAMPLE = 4; // 4x4 samples a pixel, for anti-aliased edges

const BACKGROUND = [243, 246, 250];
const BORDER = [200, 208, 220];
// Excel green, a blue and an orange: the three clusters.
const CLUSTERS = [
  { colour: [33, 115, 70], x: 0.3, y: 0.32 },
  { colour: [47, 111, 214], x: 0.7, y: 0.36 },
  { colour: [232, 131, 58], x: 0.5, y: 0.7 },
];
// Member points (shown from 64 px up) sit around each centre on the side away from the other two:
// at these angles (radians) from the outward direction, this far (in units of the icon size) out.
const MEMBER_ANGLES = [-1.25, -0.45, 0.35, 1.15];
const MEMBER_DISTANCE = 0.175;

/** Colour (RGBA, 0-255) of the point (u, v), both in [0, 1) of the icon, or null where it is transparent. */
function shade(u, v, size) {
  const radius = 0.2; // corner radius of the tile
  const inset = 0.5 / size; // keep the tile's edge inside the canvas
  const lo = inset;
  const hi = 1 - inset;
  const cx = Math.min(Math.max(u, lo + radius), hi - radius);
  const cy = Math.min(Math.max(v, lo + radius), hi - radius);
  const cornerDistance = Math.hypot(u - cx, v - cy);
  if (u < lo || u > hi || v < lo || v > hi || cornerDistance > radius) return null;

  const dotRadius = size <= 16 ? 0.17 : size <= 32 ? 0.15 : 0.12;
  for (const cluster of CLUSTERS) {
    if (Math.hypot(u - cluster.x, v - cluster.y) <= dotRadius) return cluster.colour;
  }
  if (size >= 64) {
    const mx = CLUSTERS.reduce((sum, c) => sum + c.x, 0) / CLUSTERS.length;
    const my = CLUSTERS.reduce((sum, c) => sum + c.y, 0) / CLUSTERS.length;
    for (const cluster of CLUSTERS) {
      const outward = Math.atan2(cluster.y - my, cluster.x - mx);
      for (const angle of MEMBER_ANGLES) {
        const px = cluster.x + MEMBER_DISTANCE * Math.cos(outward + angle);
        const py = cluster.y + MEMBER_DISTANCE * Math.sin(outward + angle);
        const d = Math.hypot(u - px, v - py);
        if (d <= 0.035) return cluster.colour.map((c) => Math.round(c + (255 - c) * 0.35));
      }
    }
  }
  const borderWidth = Math.max(1 / size, 0.02);
  if (radius - cornerDistance < borderWidth && cornerDistance > 0) return BORDER;
  if (Math.min(u - lo, hi - u, v - lo, hi - v) < borderWidth) return BORDER;
  return BACKGROUND;
}

/** RGBA pixels of one icon, row by row. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = shade(
            (x + (sx + 0.5) / SUPERSAMPLE) / size,
            (y + (sy + 0.5) / SUPERSAMPLE) / size,
            size,
          );
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const offset = (y * size + x) * 4;
      pixels[offset] = a ? Math.round(r / a) : 0;
      pixels[offset + 1] = a ? Math.round(g / a) : 0;
      pixels[offset + 2] = a ? Math.round(b / a) : 0;
      pixels[offset + 3] = Math.round((255 * a) / samples);
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG file (8-bit RGBA, no interlace) of width x height pixels. */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, render, SIZES };
