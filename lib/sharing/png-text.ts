import { crc32 } from "node:zlib";

// Adds a tEXt chunk (keyword + Latin-1 text) right after a PNG's IHDR chunk, so the image carries
// a machine-readable description of what it shows (the preview's title, target and count).

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

export function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  // tEXt is Latin-1: characters outside it become "?" rather than corrupt the chunk.
  const latin1 = text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
  const data = Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), Buffer.from(latin1, "latin1")]);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk("tEXt", data), png.subarray(ihdrEnd)]);
}

/** Width, height and tEXt entries of a PNG (used by tests and checks). */
export function readPng(png: Buffer): { width: number; height: number; text: Record<string, string> } {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  const text: Record<string, string> = {};
  let offset = 8;
  let width = 0;
  let height = 0;
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    } else if (type === "tEXt") {
      const zero = data.indexOf(0);
      text[data.toString("latin1", 0, zero)] = data.toString("latin1", zero + 1);
    }
    offset += 12 + length;
  }
  return { width, height, text };
}
