/**
 * Tells what a file is from its bytes, never from its name: a PDF ("%PDF-"), a Word document or a
 * spreadsheet (a zip holding word/document.xml or xl/workbook.xml), or UTF-8 text.
 */

export type FileFormat = "pdf" | "docx" | "xlsx" | "text" | "unknown";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return magic.every((byte, index) => bytes[at + index] === byte);
}

/** Whether an ASCII string occurs in the bytes (zip entry names are stored uncompressed). */
function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (char) => char.charCodeAt(0));
  const first = needle[0];
  outer: for (
    let index = bytes.indexOf(first ?? 0);
    index !== -1 && index <= bytes.length - needle.length;
    index = bytes.indexOf(first ?? 0, index + 1)
  ) {
    for (let offset = 1; offset < needle.length; offset += 1)
      if (bytes[index + offset] !== needle[offset]) continue outer;
    return true;
  }
  return false;
}

/** Whether the bytes are UTF-8 text (no NUL in the first 8 KB, valid UTF-8 throughout). */
export function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The format of a file by its content. A PDF may start after a few bytes of junk (the spec allows 1 KB). */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (bytes.byteLength === 0) return "unknown";
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.startsWith("%PDF-") || /^[\s\S]{0,1019}%PDF-\d/u.test(head)) return "pdf";
  if (startsWith(bytes, ZIP_MAGIC)) {
    if (containsAscii(bytes, "word/document.xml")) return "docx";
    if (containsAscii(bytes, "xl/workbook.xml")) return "xlsx";
    return "unknown";
  }
  if (startsWith(bytes, OLE_MAGIC)) return "unknown";
  return isUtf8Text(bytes) ? "text" : "unknown";
}

/** What a format is called in messages. */
export function describeFormat(bytes: Uint8Array): string {
  if (startsWith(bytes, OLE_MAGIC))
    return "an old Office file (.doc/.xls); save it as .docx or .xlsx";
  if (startsWith(bytes, ZIP_MAGIC))
    return "a zip file that is neither a Word document nor a spreadsheet";
  return "a binary file of a kind this product does not read";
}
