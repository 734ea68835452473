/**
 * Writes the allocation data the 2026 annex proposes for Budget 2027: one JSON file per card that
 * proposes money, corpus/allocations/bilag-2026-NN.json, with the reviewed overrides of
 * corpus/allocations/overrides.json applied. Prints one line per card.
 *
 *   node --import tsx scripts/generate-allocations.ts
 */
import { readFile, readdir, unlink, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AllocationSchema } from "../src/domain/index.ts";
import { readDocument } from "../src/corpus/read-document.ts";
import {
  AllocationOverridesSchema,
  applyAllocationOverride,
  proposeAllocation,
  serializeAllocation,
} from "../src/corpus/propose-allocation.ts";
import { readBundledCorpus } from "../src/runtime/node/corpus-files.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = path.join(ROOT, "corpus");
const OUT = path.join(CORPUS, "allocations");
const PREFIX = "bilag-2026";

async function main(): Promise<void> {
  const files = await readBundledCorpus(CORPUS);
  const file = files.find((candidate) => candidate.name.startsWith(PREFIX));
  if (file === undefined) throw new Error(`no ${PREFIX} file in ${CORPUS}/manifest.json`);
  const parsed = await readDocument(file.name, file.bytes, file.entry);
  const sourceText = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, "");
  const overridesText = await readFile(path.join(OUT, "overrides.json"), "utf8").catch(() => "{}");
  const overrides = AllocationOverridesSchema.parse(JSON.parse(overridesText));
  const unknown = Object.keys(overrides).filter(
    (id) => !parsed.cards.some((card) => card.id === id),
  );
  if (unknown.length > 0)
    throw new Error(`overrides.json names cards that do not exist: ${unknown.join(", ")}`);

  await mkdir(OUT, { recursive: true });
  const written = new Set<string>();
  for (const card of parsed.cards) {
    const proposal = proposeAllocation(card, parsed.document, { sourceText });
    const override = overrides[card.id];
    const allocation = applyAllocationOverride(proposal.allocation, override);
    const tag = override === undefined ? "" : " [override]";
    if (allocation === undefined) {
      const why = override?.reason ?? proposal.notes.join(" ");
      console.log(`${card.id}  skipped${tag}: ${why}`);
      continue;
    }
    const checked = AllocationSchema.parse(allocation);
    const name = `${card.id}.json`;
    await writeFile(path.join(OUT, name), serializeAllocation(checked));
    written.add(name);
    const lines = checked.lines
      .map(
        (line) =>
          `${line.area}${line.recipient === undefined ? "" : `/${line.recipient}`} ${Object.keys(line.amounts).join(",")}`,
      )
      .join("; ");
    const notes = override === undefined ? proposal.notes : [`override: ${override.reason}`];
    console.log(
      `${card.id}  written${tag}: ${name} (${lines})${notes.length > 0 ? ` — ${notes.join(" ")}` : ""}`,
    );
  }
  for (const name of await readdir(OUT)) {
    if (name.startsWith(`${PREFIX}-`) && name.endsWith(".json") && !written.has(name)) {
      await unlink(path.join(OUT, name));
      console.log(`${name}  removed: the card no longer proposes money`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
