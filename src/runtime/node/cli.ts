/**
 * `npm run cli -- <command>`: ingest, search, cards, card. Prints readable text, or JSON with --json.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { parseSettings } from "../../config.ts";
import { ingestFiles, type IngestSummary } from "../../corpus/ingest.ts";
import { DECISIONS, DOCUMENT_KINDS, type Decision, type DocumentKind } from "../../domain/index.ts";
import { BilagsassistentError, InputError } from "../../errors/errors.ts";
import { bestPerCard } from "../../http/create-app.ts";
import { formatDanishAmount } from "../../money/index.ts";
import { readSourcePaths } from "./corpus-files.ts";
import { createNodeServices } from "./services.ts";

const USAGE = `Bilagsassistent CLI

  npm run cli -- ingest <files|folders…>            index annexes and budget notes (idempotent)
  npm run cli -- search "<query>" [--year N] [--kind annex|budget_note] [--limit N] [--mode hybrid|fulltext|vector]
  npm run cli -- cards [--year N] [--kind K] [--decision D]
  npm run cli -- card <id>

  --json   print JSON instead of text`;

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new InputError("invalid_year", `--year must be a year such as 2023, got "${value}"`);
  return year;
}

function parseKind(value: string | undefined): DocumentKind | undefined {
  if (value === undefined) return undefined;
  if (!(DOCUMENT_KINDS as readonly string[]).includes(value)) throw new InputError("invalid_kind", `--kind must be one of ${DOCUMENT_KINDS.join(", ")}, got "${value}"`);
  return value as DocumentKind;
}

function printSummary(summary: IngestSummary): void {
  for (const file of summary.files) {
    if (file.status === "failed") console.log(`  ✗ ${file.file}: ${file.error}`);
    else console.log(`  ✓ ${file.file} → ${file.documentId}: ${file.status}, ${file.cards} cards, ${file.figures} figures, ${file.tables} tables`);
  }
  const flags = Object.entries(summary.flags).map(([flag, count]) => `${flag} ${count}`).join(", ");
  console.log(`\n${summary.documents} documents, ${summary.cards} cards, ${summary.figures} figures${flags ? `; flags: ${flags}` : ""}; ${summary.failed} failed; ${summary.elapsedMs} ms`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      year: { type: "string" },
      kind: { type: "string" },
      decision: { type: "string" },
      limit: { type: "string" },
      mode: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (command === undefined || values.help) {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const settings = parseSettings(process.env);
  const services = await createNodeServices(settings);
  const { store, embedder } = services;
  try {
    switch (command) {
      case "ingest": {
        if (rest.length === 0) throw new InputError("no_files", "ingest needs at least one file or folder, e.g. npm run cli -- ingest corpus/");
        const { files, missing } = await readSourcePaths(rest);
        for (const path of missing) console.error(`  ✗ ${path}: no such file or folder`);
        const bar = values.json || !process.stdout.isTTY ? undefined : new cliProgress.SingleBar({ format: "Indekserer [{bar}] {value}/{total} {file}" }, cliProgress.Presets.shades_classic);
        bar?.start(files.length, 0, { file: "" });
        const summary = await ingestFiles(files, {
          store,
          embedder,
          maxBytes: settings.MAX_DOCUMENT_BYTES,
          onProgress: (progress) => (bar === undefined ? console.error(`  [${progress.done}/${progress.total}] ${progress.file}`) : bar.update(progress.done, { file: progress.file })),
        });
        bar?.stop();
        if (values.json) console.log(JSON.stringify(summary, null, 2));
        else printSummary(summary);
        return summary.failed > 0 || missing.length > 0 ? 1 : 0;
      }
      case "search": {
        const query = rest.join(" ").trim();
        if (query === "") throw new InputError("no_query", 'search needs a query, e.g. npm run cli -- search "ekstremisme"');
        const mode = values.mode;
        if (mode !== undefined && mode !== "hybrid" && mode !== "fulltext" && mode !== "vector") throw new InputError("invalid_mode", `--mode must be hybrid, fulltext or vector, got "${mode}"`);
        const limit = values.limit === undefined ? 5 : Number(values.limit);
        const year = parseYear(values.year);
        const kind = parseKind(values.kind);
        const hits = bestPerCard(
          await store.search({ query, limit: limit * 4, ...(year === undefined ? {} : { year }), ...(kind === undefined ? {} : { kind }), ...(mode === undefined ? {} : { mode }) }),
          limit,
        );
        if (values.json) console.log(JSON.stringify(hits, null, 2));
        else
          hits.forEach((hit, index) => {
            console.log(`${index + 1}. [${hit.cardId}] ${hit.title} (${hit.year}, ${hit.heading || hit.sectionKind}) score ${hit.score.toFixed(3)}`);
            console.log(`   “${hit.quote.replace(/\s+/g, " ").slice(0, 220)}${hit.quote.length > 220 ? "…" : ""}” [${hit.start}-${hit.end}]`);
          });
        return 0;
      }
      case "cards": {
        const decision = values.decision;
        if (decision !== undefined && !(DECISIONS as readonly string[]).includes(decision)) throw new InputError("invalid_decision", `--decision must be one of ${DECISIONS.join(", ")}`);
        const year = parseYear(values.year);
        const kind = parseKind(values.kind);
        const cards = await store.listCards({ ...(year === undefined ? {} : { year }), ...(kind === undefined ? {} : { kind }), ...(decision === undefined ? {} : { decision: decision as Decision }) });
        if (values.json) console.log(JSON.stringify(cards, null, 2));
        else for (const card of cards) console.log(`${card.id.padEnd(24)} ${String(card.number ?? "").padStart(3)} ${card.decision.padEnd(16)} ${card.title}${card.flags.length ? `  [${card.flags.join(", ")}]` : ""}`);
        return 0;
      }
      case "card": {
        const id = rest[0];
        if (id === undefined) throw new InputError("no_card", "card needs a card id, e.g. npm run cli -- card bilag-2026-07");
        const stored = await store.getCard(id);
        if (stored === undefined) throw new InputError("card_not_found", `No card has the id "${id}". List them with: npm run cli -- cards`);
        if (values.json) {
          console.log(JSON.stringify(stored, null, 2));
          return 0;
        }
        const { card, document, tables } = stored;
        console.log(`${card.title}${card.number === undefined ? "" : `  (Nr. ${card.number})`}\n${document.title} · ${document.year} · beslutning: ${card.decision}${card.flags.length ? ` · ${card.flags.join(", ")}` : ""}\n`);
        for (const section of card.sections) console.log(`## ${section.heading || section.kind}${section.half ? ` (${section.half})` : ""} [${section.span.start}-${section.span.end}]\n${section.text.trim()}\n`);
        const money = card.figures.filter((figure) => figure.kind === "money");
        if (money.length > 0) console.log("Beløb:");
        for (const figure of money) {
          const amount = figure.amount === undefined ? "" : figure.amount.min === figure.amount.max ? formatDanishAmount(figure.amount.min, { unit: "kr." }) : `${formatDanishAmount(figure.amount.min, { unit: "kr." })}–${formatDanishAmount(figure.amount.max, { unit: "kr." })}`;
          console.log(`  ${figure.text.padEnd(18)} = ${amount}; ${figure.basis ?? ""} ${figure.years.join(",")} ${figure.area ?? ""} ${figure.priceLevel ?? ""} ${figure.recipient ?? ""} [${figure.span.start}-${figure.span.end}]`);
        }
        for (const table of tables) console.log(`\nTabel ${table.title} (${table.unit}${table.priceLevel === undefined ? "" : `, ${table.priceLevel} p/l`}): ${table.rows.length} rækker`);
        return 0;
      }
      default:
        throw new InputError("unknown_command", `Unknown command "${command}".\n\n${USAGE}`);
    }
  } finally {
    store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BilagsassistentError ? error.message : error);
    process.exit(error instanceof BilagsassistentError && error.category === "user" ? 2 : 1);
  },
);
