/** A small RFC 4180 reader and writer: quoted fields, doubled quotes, CRLF or LF, "," or ";". */

/** Reads CSV text into rows of cells. The delimiter is guessed from the first line when not given. */
export function parseCsv(text: string, delimiter?: "," | ";" | "\t"): string[][] {
  const source = text.replace(/^\uFEFF/u, "");
  const separator = delimiter ?? guessDelimiter(source);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? "";
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
        index += 1;
        continue;
      }
      field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field === "") {
      quoted = true;
    } else if (char === separator) {
      row.push(field);
      field = "";
    } else if (char === "\r" && source[index + 1] === "\n") {
      // CRLF: the \n ends the record.
    } else if (char === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += char;
    }
    index += 1;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** ";" when the first line has more semicolons than commas outside quotes (Danish Excel), tab likewise, else ",". */
export function guessDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === "\n") break;
    else if (!quoted && (char === "," || char === ";" || char === "\t")) counts[char] += 1;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","]) return "\t";
  return ",";
}

/** Writes rows as CSV with CRLF line ends; fields with the delimiter, quotes or line breaks are quoted. */
export function formatCsv(
  rows: readonly (readonly string[])[],
  delimiter: "," | ";" = ";",
): string {
  const quote = (cell: string) =>
    cell.includes(delimiter) || /["\r\n]/u.test(cell) ? `"${cell.replace(/"/gu, '""')}"` : cell;
  return rows.map((row) => row.map(quote).join(delimiter)).join("\r\n") + "\r\n";
}
