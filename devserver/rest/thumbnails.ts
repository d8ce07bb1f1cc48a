// Session thumbnails: a small PNG per session, drawn from its id (a coloured "slide" with a title bar
// and a few lines of text), so each recording has its own stable picture. PNG per
// https://www.w3.org/TR/png/: signature, IHDR, one IDAT (zlib), IEND; each chunk CRC-32 checked.
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

export const THUMBNAIL_WIDTH = 160;
export const THUMBNAIL_HEIGHT = 90;

type Rgb = [number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter method extras, no interlace
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3); // each row starts with filter type 0 (none)
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const cache = new Map<string, Buffer>();

/** The PNG thumbnail of a session (cached: the same id always draws the same picture). */
export function thumbnailPng(sessionId: string): Buffer {
  const cached = cache.get(sessionId);
  if (cached) return cached;
  const seed = createHash('sha256').update(sessionId).digest();
  const hue = (seed[0] * 360) / 256;
  const background = hsl(hue, 0.45, 0.32);
  const slide = hsl(hue, 0.25, 0.93);
  const titleBar = hsl(hue, 0.55, 0.45);
  const ink = hsl(hue, 0.15, 0.35);
  const lineLengths = [0, 1, 2].map((i) => 40 + (seed[1 + i] % 60));
  const png = encodePng(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, (x, y) => {
    const inSlide = x >= 16 && x < 144 && y >= 9 && y < 81;
    if (!inSlide) return background;
    if (y < 23) return titleBar;
    const line = [32, 46, 60].findIndex((top) => y >= top && y < top + 5);
    return line >= 0 && x >= 26 && x < 26 + lineLengths[line] ? ink : slide;
  });
  cache.set(sessionId, png);
  return png;
}
