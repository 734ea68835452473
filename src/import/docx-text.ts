/**
 * Word (.docx) to text with mammoth, in the layouts the parsers read: headings and paragraphs one
 * per line with a blank line between; lists as "- " lines; a card's two-column table read cell by
 * cell (left half, then right half); other tables one row per line, cells separated by spaces, as
 * the PDF flattening of the budget notes has them. A document of cards gets the annex's page
 * header ("Københavns Kommune") before each card title, which is where the annex-cards parser
 * starts a card.
 */
import mammoth from "mammoth";
import { CorpusError } from "../errors/errors.ts";

type Node = { tag: string; children: Node[] } | { text: string };

const VOID_TAGS = new Set(["br", "img", "hr"]);

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/giu, (_match, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);/gu, (_match, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&nbsp;/gu, " ")
    .replace(/&amp;/gu, "&");
}

/** Parses mammoth's (well-formed, attribute-light) HTML into a tree. */
export function parseSimpleHtml(html: string): Node[] {
  const root: { tag: string; children: Node[] } = { tag: "root", children: [] };
  const stack = [root];
  const pattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/?)>|([^<]+)/gu;
  for (const match of html.matchAll(pattern)) {
    const top = stack.at(-1) ?? root;
    if (match[4] !== undefined) {
      top.children.push({ text: decodeEntities(match[4]) });
      continue;
    }
    const tag = (match[2] ?? "").toLowerCase();
    if (match[1] === "/") {
      const at = stack.map((node) => node.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const node = { tag, children: [] as Node[] };
    top.children.push(node);
    if (match[3] !== "/" && !VOID_TAGS.has(tag)) stack.push(node);
  }
  return root.children;
}

function inlineText(nodes: readonly Node[]): string {
  let text = "";
  for (const node of nodes) {
    if ("text" in node) text += node.text;
    else if (node.tag === "br") text += "\n";
    else if (node.tag === "img") continue;
    else text += inlineText(node.children);
  }
  return text;
}

/**
 * A block of the document as text lines, whether it is a heading, and whether it stands inside a
 * card's two-column table (a heading there is a half or a section heading, never a card title).
 */
type Block = { text: string; heading: boolean; inCard?: boolean };

const LEFT_HALF = /^\s*Beskrivelse\s+af\s+udløb\s*:?\s*$/iu;
const RIGHT_HALF = /^\s*Faglig\s+vurdering\s+af\s+videreførelse\s*:?\s*$/iu;
const CARD_NUMBER = /^\s*Nr\.?\s*\d+\s*$/u;
const PAGE_HEADER = /^\s*K\S{1,3}benhavns\s+Kommune\s*$/u;

function isCardTable(node: { tag: string; children: Node[] }): boolean {
  return /Beskrivelse\s+af\s+udløb|Faglig\s+vurdering\s+af\s+videreførelse/iu.test(
    inlineText(node.children),
  );
}

function rows(node: {
  tag: string;
  children: Node[];
}): Array<Array<{ tag: string; children: Node[] }>> {
  const found: Array<Array<{ tag: string; children: Node[] }>> = [];
  const visit = (current: { tag: string; children: Node[] }) => {
    for (const child of current.children) {
      if ("text" in child) continue;
      if (child.tag === "tr")
        found.push(
          child.children.filter(
            (cell): cell is { tag: string; children: Node[] } =>
              !("text" in cell) && (cell.tag === "td" || cell.tag === "th"),
          ),
        );
      else if (child.tag === "thead" || child.tag === "tbody" || child.tag === "tfoot")
        visit(child);
    }
  };
  visit(node);
  return found;
}

function blocks(nodes: readonly Node[], out: Block[] = [], inCard = false): Block[] {
  const card = inCard ? { inCard: true } : {};
  for (const node of nodes) {
    if ("text" in node) {
      if (node.text.trim() !== "") out.push({ text: node.text.trim(), heading: false, ...card });
      continue;
    }
    const tag = node.tag;
    if (/^h[1-6]$/u.test(tag))
      out.push({ text: inlineText(node.children).trim(), heading: true, ...card });
    else if (tag === "p") {
      const text = inlineText(node.children);
      for (const line of text.split("\n")) out.push({ text: line.trim(), heading: false, ...card });
    } else if (tag === "ul" || tag === "ol") {
      let number = 1;
      for (const item of node.children) {
        if ("text" in item || item.tag !== "li") continue;
        const nested = item.children.filter(
          (child) => !("text" in child) && (child.tag === "ul" || child.tag === "ol"),
        );
        const own = item.children.filter((child) => !nested.includes(child));
        out.push({
          text: `${tag === "ol" ? `${number}.` : "-"} ${inlineText(own).replace(/\s+/gu, " ").trim()}`,
          heading: false,
          ...card,
        });
        blocks(nested, out, inCard);
        number += 1;
      }
    } else if (tag === "table") {
      if (isCardTable(node)) {
        for (const row of rows(node)) for (const cell of row) blocks(cell.children, out, true);
      } else {
        for (const row of rows(node)) {
          const cells = row.map((cell) => inlineText(cell.children).replace(/\s+/gu, " ").trim());
          if (cells.some((cell) => cell !== ""))
            out.push({
              text: cells.filter((cell) => cell !== "").join(" "),
              heading: false,
              ...card,
            });
        }
      }
    } else {
      blocks(node.children, out, inCard);
    }
  }
  return out;
}

/**
 * Makes a document of cards readable by the annex-cards parser: the page header before each card
 * title (a heading outside a card table, itself neither "Nr. N" nor a half heading, followed by
 * "Nr. N" or a half heading), and an empty half heading where a card
 * has only one half (a drafted assessment has only "Faglig vurdering af videreførelse").
 */
function cardLayout(list: Block[], warnings: string[], name: string): Block[] {
  const halves = list.filter(
    (block) => LEFT_HALF.test(block.text) || RIGHT_HALF.test(block.text),
  ).length;
  if (halves === 0 || list.some((block) => PAGE_HEADER.test(block.text))) return list;
  const starts: number[] = [];
  list.forEach((block, index) => {
    if (!block.heading || block.inCard) return;
    if (CARD_NUMBER.test(block.text) || LEFT_HALF.test(block.text) || RIGHT_HALF.test(block.text))
      return;
    const next = list.slice(index + 1, index + 4).filter((candidate) => candidate.text !== "");
    if (
      next.some(
        (candidate) =>
          CARD_NUMBER.test(candidate.text) ||
          LEFT_HALF.test(candidate.text) ||
          RIGHT_HALF.test(candidate.text),
      )
    )
      starts.push(index);
  });
  if (starts.length === 0) starts.push(0);
  const out: Block[] = [...list.slice(0, starts[0])];
  starts.forEach((start, position) => {
    const card = list.slice(start, starts[position + 1] ?? list.length);
    const hasLeft = card.some((block) => LEFT_HALF.test(block.text));
    const hasRight = card.some((block) => RIGHT_HALF.test(block.text));
    out.push({ text: "Københavns Kommune", heading: false });
    if (hasRight && !hasLeft) {
      const at = card.findIndex((block) => RIGHT_HALF.test(block.text));
      card.splice(at, 0, { text: "Beskrivelse af udløb", heading: true });
    } else if (hasLeft && !hasRight) {
      card.push({ text: "Faglig vurdering af videreførelse", heading: true });
    }
    if (hasLeft !== hasRight)
      warnings.push(
        `${name}: the card "${card[0]?.text ?? ""}" has only the half "${hasRight ? "Faglig vurdering af videreførelse" : "Beskrivelse af udløb"}"; the other half is read as empty.`,
      );
    out.push(...card);
  });
  return out;
}

export type DocxExtraction = { text: string; warnings: string[] };

/** The text of a .docx, in the layouts the parsers read. */
export async function extractDocxText(name: string, bytes: Uint8Array): Promise<DocxExtraction> {
  let html: string;
  const warnings: string[] = [];
  try {
    const result = await mammoth.convertToHtml({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    html = result.value;
    for (const message of result.messages)
      if (message.type === "error") warnings.push(`${name}: ${message.message}`);
  } catch (cause) {
    throw new CorpusError(
      "docx_invalid",
      `${name}: the Word document cannot be read (${cause instanceof Error ? cause.message : String(cause)}). Save it again as .docx.`,
      { cause, details: { file: name } },
    );
  }
  const list = cardLayout(
    blocks(parseSimpleHtml(html)).filter((block) => block.text !== ""),
    warnings,
    name,
  );
  if (list.length === 0)
    throw new CorpusError("file_empty", `${name}: the Word document holds no text.`, {
      details: { file: name },
    });
  return { text: `${list.map((block) => block.text).join("\n\n")}\n`, warnings };
}
