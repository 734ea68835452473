/** The layout parsers the product knows, in the order detection tries them. */
import type { LayoutParser } from "./layout-parser.ts";
import { annexCardsParser } from "./parse-annex-cards.ts";
import { annexMarkdownParser } from "./parse-annex-markdown.ts";
import { annexPlainParser } from "./parse-annex-plain.ts";
import { budgetNoteParser } from "./parse-budget-note.ts";

export const LAYOUT_PARSERS: readonly LayoutParser[] = [budgetNoteParser, annexCardsParser, annexMarkdownParser, annexPlainParser];
