/** Builds zip archives for tests: real ones, decompression bombs, and ones that lie about sizes. */
import { crc32, deflateRawSync } from "node:zlib";

export type ZipEntry = {
  name: string;
  data: Uint8Array;
  /** Sizes written into the headers instead of the true ones (a lying archive). */
  declare?: { compressed?: number; uncompressed?: number };
};

export function buildZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const packed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const compressed = entry.declare?.compressed ?? packed.byteLength;
    const uncompressed = entry.declare?.uncompressed ?? entry.data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.byteLength, 18);
    local.writeUInt32LE(uncompressed, 22);
    local.writeUInt16LE(name.byteLength, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed, 20);
    central.writeUInt32LE(uncompressed, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.byteLength + packed.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/** A .docx whose word/document.xml unpacks to `megabytes` MB of one repeated paragraph. */
export function docxBomb(megabytes: number, declare?: ZipEntry["declare"]): Uint8Array {
  const paragraph = "<w:p><w:r><w:t>Indsatsen videreføres uændret.</w:t></w:r></w:p>";
  const body = paragraph.repeat(Math.ceil((megabytes * 1024 * 1024) / paragraph.length));
  const xml = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return buildZip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    {
      name: "word/document.xml",
      data: Buffer.from(xml),
      ...(declare === undefined ? {} : { declare }),
    },
  ]);
}

/** An .xlsx whose first sheet unpacks to `megabytes` MB. */
export function xlsxBomb(megabytes: number): Uint8Array {
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
  const sheet = `<worksheet><sheetData>${row.repeat(Math.ceil((megabytes * 1024 * 1024) / row.length))}</sheetData></worksheet>`;
  return buildZip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet) },
  ]);
}
