/**
 * `npm run cli -- <command>`: ingest, search, cards, card. Prints readable text, or JSON with --json.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { parseSettings } from "../../config.ts";
import { ingestFiles, type IngestSummary } from "../../corpus/ingest.ts";
import {
  AllocationSchema,
  AssessmentDraftRequestSchema,
  BudgetNoteDraftRequestSchema,
  DECISIONS,
  type Draft,
  DOCUMENT_KINDS,
  SEVERITIES,
  type Allocation,
  type Decision,
  type DocumentKind,
} from "../../domain/index.ts";
import { BilagsassistentError, InputError } from "../../errors/errors.ts";
import { bestPerCard } from "../../http/create-app.ts";
import { formatAllocation, formatDanishAmount } from "../../money/index.ts";
import { auditSummary } from "../../validation/audit-corpus.ts";
import { auditStoredCorpus } from "../../validation/audit-store.ts";
import { validateText } from "../../validation/validate-text.ts";
import { readSourcePaths } from "./corpus-files.ts";
import { draftAssessment } from "../../drafting/draft-assessment.ts";
import { draftBudgetNote } from "../../drafting/draft-budget-note.ts";
import { exportDraftDocx } from "../../drafting/export-docx.ts";
import { exportDraftMarkdown } from "../../drafting/export-markdown.ts";
import { formatAllocationsImport, runAllocationsImport } from "./allocations-import.ts";
import { runRemote } from "./cli-remote.ts";
import { lockDataFolder } from "./data-folder-lock.ts";
import { printValidation } from "./print-validation.ts";
import { createDrafting, createNodeServices } from "./services.ts";

const USAGE = `Bilagsassistent CLI

  npm run cli -- ingest <files|folders…>            index annexes and budget notes (idempotent)
  npm run cli -- search "<query>" [--year N] [--kind annex|budget_note] [--limit N] [--mode hybrid|fulltext|vector]
  npm run cli -- cards [--year N] [--kind K] [--decision D]
  npm run cli -- card <id>
  npm run cli -- validate --text FILE (--allocation FILE | --initiative ID) [--budget-year N] [--decision D]
  npm run cli -- audit [--severity error|warning|info]
  npm run cli -- allocations
  npm run cli -- allocations import FILE.xlsx|FILE.csv     store allocation data (nothing is stored if a cell is wrong)
  npm run cli -- draft assessment --initiative ID --decision D [--note "…"]… [--out FILE.md|FILE.docx]
  npm run cli -- draft budget-note --request FILE.json [--out FILE.md|FILE.docx]
  npm run cli -- drafts                               the kept drafts (latest version of each)
  npm run cli -- draft show ID [--version N] [--out FILE.md|FILE.docx]

  --json   print JSON instead of text
  --server URL [--token T]   run search, validate, ask or draft against a running service (docs/api.md)`;

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1990 || year > 2100)
    throw new InputError("invalid_year", `--year must be a year such as 2023, got "${value}"`);
  return year;
}

function parseKind(value: string | undefined): DocumentKind | undefined {
  if (value === undefined) return undefined;
  if (!(DOCUMENT_KINDS as readonly string[]).includes(value))
    throw new InputError(
      "invalid_kind",
      `--kind must be one of ${DOCUMENT_KINDS.join(", ")}, got "${value}"`,
    );
  return value as DocumentKind;
}

function printSummary(summary: IngestSummary): void {
  for (const file of summary.files) {
    if (file.status === "failed") console.log(`  ✗ ${file.file}: ${file.error}`);
    else
      console.log(
        `  ✓ ${file.file} → ${file.documentId}: ${file.status}, ${file.cards} cards, ${file.figures} figures, ${file.tables} tables`,
      );
  }
  const flags = Object.entries(summary.flags)
    .map(([flag, count]) => `${flag} ${count}`)
    .join(", ");
  console.log(
    `\n${summary.documents} documents, ${summary.cards} cards, ${summary.figures} figures${flags ? `; flags: ${flags}` : ""}; ${summary.failed} failed; ${summary.elapsedMs} ms`,
  );
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
      text: { type: "string" },
      allocation: { type: "string" },
      initiative: { type: "string" },
      "budget-year": { type: "string" },
      severity: { type: "string" },
      note: { type: "string", multiple: true },
      request: { type: "string" },
      out: { type: "string" },
      version: { type: "string" },
      author: { type: "string" },
      server: { type: "string" },
      token: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (command === undefined || values.help) {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const server = values.server ?? process.env.BILAG_SERVER;
  if (server !== undefined)
    return runRemote(command, rest, {
      ...values,
      server,
      token: values.token ?? process.env.BILAG_TOKEN,
    });
  const settings = parseSettings(process.env);
  // Writing drafts needs the data folder to itself (a running server holds it); reading one does not.
  const writesDraft =
    command === "draft" && (rest[0] === "assessment" || rest[0] === "budget-note");
  const lock = writesDraft ? await lockDataFolder(settings.DATA_DIR, "cli draft") : undefined;
  const services = await createNodeServices(settings, { holdsDataFolder: lock !== undefined });
  const { store, embedder, allocations } = services;
  try {
    switch (command) {
      case "ingest": {
        if (rest.length === 0)
          throw new InputError(
            "no_files",
            "ingest needs at least one file or folder, e.g. npm run cli -- ingest corpus/",
          );
        const { files, missing } = await readSourcePaths(rest);
        for (const path of missing) console.error(`  ✗ ${path}: no such file or folder`);
        const bar =
          values.json || !process.stdout.isTTY
            ? undefined
            : new cliProgress.SingleBar(
                { format: "Indekserer [{bar}] {value}/{total} {file}" },
                cliProgress.Presets.shades_classic,
              );
        bar?.start(files.length, 0, { file: "" });
        const summary = await ingestFiles(files, {
          store,
          embedder,
          maxBytes: settings.MAX_DOCUMENT_BYTES,
          onProgress: (progress) =>
            bar === undefined
              ? console.error(`  [${progress.done}/${progress.total}] ${progress.file}`)
              : bar.update(progress.done, { file: progress.file }),
        });
        bar?.stop();
        if (values.json) console.log(JSON.stringify(summary, null, 2));
        else printSummary(summary);
        return summary.failed > 0 || missing.length > 0 ? 1 : 0;
      }
      case "search": {
        const query = rest.join(" ").trim();
        if (query === "")
          throw new InputError(
            "no_query",
            'search needs a query, e.g. npm run cli -- search "ekstremisme"',
          );
        const mode = values.mode;
        if (mode !== undefined && mode !== "hybrid" && mode !== "fulltext" && mode !== "vector")
          throw new InputError(
            "invalid_mode",
            `--mode must be hybrid, fulltext or vector, got "${mode}"`,
          );
        const limit = values.limit === undefined ? 5 : Number(values.limit);
        const year = parseYear(values.year);
        const kind = parseKind(values.kind);
        const hits = bestPerCard(
          await store.search({
            query,
            limit: limit * 4,
            ...(year === undefined ? {} : { year }),
            ...(kind === undefined ? {} : { kind }),
            ...(mode === undefined ? {} : { mode }),
          }),
          limit,
        );
        if (values.json) console.log(JSON.stringify(hits, null, 2));
        else
          hits.forEach((hit, index) => {
            console.log(
              `${index + 1}. [${hit.cardId}] ${hit.title} (${hit.year}, ${hit.heading || hit.sectionKind}) score ${hit.score.toFixed(3)}`,
            );
            console.log(
              `   “${hit.quote.replace(/\s+/g, " ").slice(0, 220)}${hit.quote.length > 220 ? "…" : ""}” [${hit.start}-${hit.end}]`,
            );
          });
        return 0;
      }
      case "cards": {
        const decision = values.decision;
        if (decision !== undefined && !(DECISIONS as readonly string[]).includes(decision))
          throw new InputError(
            "invalid_decision",
            `--decision must be one of ${DECISIONS.join(", ")}`,
          );
        const year = parseYear(values.year);
        const kind = parseKind(values.kind);
        const cards = await store.listCards({
          ...(year === undefined ? {} : { year }),
          ...(kind === undefined ? {} : { kind }),
          ...(decision === undefined ? {} : { decision: decision as Decision }),
        });
        if (values.json) console.log(JSON.stringify(cards, null, 2));
        else
          for (const card of cards)
            console.log(
              `${card.id.padEnd(24)} ${String(card.number ?? "").padStart(3)} ${card.decision.padEnd(16)} ${card.title}${card.flags.length ? `  [${card.flags.join(", ")}]` : ""}`,
            );
        return 0;
      }
      case "card": {
        const id = rest[0];
        if (id === undefined)
          throw new InputError(
            "no_card",
            "card needs a card id, e.g. npm run cli -- card bilag-2026-07",
          );
        const stored = await store.getCard(id);
        if (stored === undefined)
          throw new InputError(
            "card_not_found",
            `No card has the id "${id}". List them with: npm run cli -- cards`,
          );
        if (values.json) {
          console.log(JSON.stringify(stored, null, 2));
          return 0;
        }
        const { card, document, tables } = stored;
        console.log(
          `${card.title}${card.number === undefined ? "" : `  (Nr. ${card.number})`}\n${document.title} · ${document.year} · beslutning: ${card.decision}${card.flags.length ? ` · ${card.flags.join(", ")}` : ""}\n`,
        );
        for (const section of card.sections)
          console.log(
            `## ${section.heading || section.kind}${section.half ? ` (${section.half})` : ""} [${section.span.start}-${section.span.end}]\n${section.text.trim()}\n`,
          );
        const money = card.figures.filter((figure) => figure.kind === "money");
        if (money.length > 0) console.log("Beløb:");
        for (const figure of money) {
          const amount =
            figure.amount === undefined
              ? ""
              : figure.amount.min === figure.amount.max
                ? formatDanishAmount(figure.amount.min, { unit: "kr." })
                : `${formatDanishAmount(figure.amount.min, { unit: "kr." })}–${formatDanishAmount(figure.amount.max, { unit: "kr." })}`;
          console.log(
            `  ${figure.text.padEnd(18)} = ${amount}; ${figure.basis ?? ""} ${figure.years.join(",")} ${figure.area ?? ""} ${figure.priceLevel ?? ""} ${figure.recipient ?? ""} [${figure.span.start}-${figure.span.end}]`,
          );
        }
        for (const table of tables)
          console.log(
            `\nTabel ${table.title} (${table.unit}${table.priceLevel === undefined ? "" : `, ${table.priceLevel} p/l`}): ${table.rows.length} rækker`,
          );
        return 0;
      }
      case "validate": {
        if (values.text === undefined)
          throw new InputError("no_text", "validate needs --text FILE (the text to check)");
        if ((values.allocation === undefined) === (values.initiative === undefined))
          throw new InputError(
            "no_allocation",
            "validate needs either --allocation FILE (allocation JSON) or --initiative ID (stored data; see: npm run cli -- allocations)",
          );
        const text = await readFile(values.text, "utf8").catch((cause: unknown) => {
          throw new InputError(
            "file_unreadable",
            `Cannot read --text ${values.text}: ${cause instanceof Error ? cause.message : String(cause)}`,
          );
        });
        let allocation: Allocation | undefined;
        if (values.allocation !== undefined) {
          const raw = await readFile(values.allocation, "utf8").catch((cause: unknown) => {
            throw new InputError(
              "file_unreadable",
              `Cannot read --allocation ${values.allocation}: ${cause instanceof Error ? cause.message : String(cause)}`,
            );
          });
          let json: unknown;
          try {
            json = JSON.parse(raw);
          } catch {
            throw new InputError("allocation_invalid", `${values.allocation} is not valid JSON.`);
          }
          const parsed = AllocationSchema.safeParse(json);
          if (!parsed.success)
            throw new InputError(
              "allocation_invalid",
              `${values.allocation}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ")}`,
            );
          allocation = parsed.data;
        } else if (values.initiative !== undefined) {
          allocation = await allocations.get(values.initiative);
          if (allocation === undefined)
            throw new InputError(
              "initiative_not_found",
              `No allocation data is stored for "${values.initiative}". List them with: npm run cli -- allocations`,
            );
        }
        if (allocation === undefined) throw new InputError("no_allocation", "no allocation");
        const decision = values.decision;
        if (decision !== undefined && !(DECISIONS as readonly string[]).includes(decision))
          throw new InputError(
            "invalid_decision",
            `--decision must be one of ${DECISIONS.join(", ")}`,
          );
        const budgetYear = parseYear(values["budget-year"]);
        const result = validateText(text, allocation, {
          ...(budgetYear === undefined ? {} : { budgetYear }),
          ...(decision === undefined ? {} : { decision: decision as Decision }),
        });
        if (values.json) console.log(JSON.stringify(result, null, 2));
        else printValidation(text, result);
        return result.ok ? 0 : 1;
      }
      case "audit": {
        const severity = values.severity;
        if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity))
          throw new InputError(
            "invalid_severity",
            `--severity must be one of ${SEVERITIES.join(", ")}`,
          );
        const findings = (await auditStoredCorpus(store)).filter(
          (finding) => severity === undefined || finding.severity === severity,
        );
        if (values.json)
          console.log(JSON.stringify({ summary: auditSummary(findings), findings }, null, 2));
        else {
          for (const finding of findings) {
            console.log(
              `${finding.severity === "error" ? "✗" : finding.severity === "warning" ? "!" : "·"} [${finding.code}] ${finding.documentTitle}${finding.cardTitle === undefined ? "" : ` · ${finding.cardTitle}`} [${finding.start}-${finding.end}]`,
            );
            console.log(`    ${finding.message}`);
            console.log(`    “${finding.quote.replace(/\s+/g, " ").slice(0, 200)}”`);
          }
          const summary = auditSummary(findings);
          console.log(
            `\n${summary.total} findings: ${summary.bySeverity.error} errors, ${summary.bySeverity.warning} warnings, ${summary.bySeverity.info} notes`,
          );
        }
        return 0;
      }
      case "drafts": {
        const list = await services.drafts.list();
        if (values.json) console.log(JSON.stringify(list, null, 2));
        else
          for (const draft of list)
            console.log(
              `${draft.id}  v${draft.version}  ${draft.status.padEnd(7)} ${draft.kind.padEnd(11)} ${draft.createdAt.slice(0, 16)}  ${draft.title}`,
            );
        return 0;
      }
      case "draft": {
        const [action, id] = rest;
        const drafting = await createDrafting(services);
        const author = values.author ?? "lokal bruger";
        let draft: Draft | undefined;
        if (action === "assessment") {
          const request = AssessmentDraftRequestSchema.safeParse({
            initiativeId: values.initiative,
            decision: values.decision,
            notes: values.note,
            author,
          });
          if (!request.success)
            throw new InputError(
              "invalid_request",
              `draft assessment: ${request.error.issues.map((issue) => `--${issue.path.join(".") || "?"}: ${issue.message}`).join("; ")}`,
            );
          draft = await draftAssessment(request.data, {
            store,
            allocations,
            writer: drafting.assessmentWriter,
          });
          await services.drafts.save(draft);
        } else if (action === "budget-note") {
          if (values.request === undefined)
            throw new InputError(
              "no_request",
              "draft budget-note needs --request FILE.json (title, purpose, priceLevel, committee, appropriation, lines)",
            );
          const json = JSON.parse(await readFile(values.request, "utf8")) as unknown;
          const request = BudgetNoteDraftRequestSchema.safeParse(
            typeof json === "object" && json !== null ? { author, ...json } : json,
          );
          if (!request.success)
            throw new InputError(
              "invalid_request",
              `${values.request}: ${request.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ")}`,
            );
          draft = await draftBudgetNote(request.data, { writer: drafting.budgetNoteWriter });
          await services.drafts.save(draft);
        } else if (action === "show") {
          if (id === undefined)
            throw new InputError(
              "no_draft",
              "draft show needs a draft id (see: npm run cli -- drafts)",
            );
          draft = await services.drafts.get(
            id,
            values.version === undefined ? undefined : Number(values.version),
          );
          if (draft === undefined)
            throw new InputError(
              "draft_not_found",
              `No draft "${id}"${values.version === undefined ? "" : ` version ${values.version}`}.`,
            );
        } else {
          throw new InputError(
            "unknown_command",
            `draft needs assessment, budget-note or show.\n\n${USAGE}`,
          );
        }
        if (values.out !== undefined) {
          await writeFile(
            values.out,
            values.out.endsWith(".docx")
              ? await exportDraftDocx(draft)
              : exportDraftMarkdown(draft),
          );
          console.error(`Wrote ${values.out}`);
        }
        if (values.json) console.log(JSON.stringify(draft, null, 2));
        else {
          console.log(
            `${draft.title} — ${draft.id} v${draft.version} (${draft.model}, prompt ${draft.prompt.id} v${draft.prompt.version}, ${draft.attempts} forsøg)\n`,
          );
          console.log(draft.text);
          console.log(draft.status === "clean" ? "\n✓ Alle beløb passer med bevillingen." : "");
          if (draft.status !== "clean") printValidation(draft.text, draft.validation);
        }
        return draft.status === "clean" ? 0 : 1;
      }
      case "allocations": {
        if (rest[0] === "import") {
          const file = rest[1];
          if (file === undefined)
            throw new InputError(
              "no_file",
              "allocations import needs a spreadsheet: npm run cli -- allocations import FILE.xlsx|FILE.csv",
            );
          const result = await runAllocationsImport(file, settings);
          if (values.json) console.log(JSON.stringify(result, null, 2));
          else console.log(formatAllocationsImport(result));
          return result.errors.length > 0 ? 1 : 0;
        }
        const entries = await allocations.list();
        if (values.json) console.log(JSON.stringify(entries, null, 2));
        else
          for (const entry of entries)
            console.log(
              `${entry.id.padEnd(16)} ${formatAllocation(entry.allocation, "").trim()}  — ${entry.allocation.initiative}`,
            );
        return 0;
      }
      default:
        throw new InputError("unknown_command", `Unknown command "${command}".\n\n${USAGE}`);
    }
  } finally {
    store.close();
    services.drafts.close();
    services.conversations.close();
    await lock?.release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BilagsassistentError ? error.message : error);
    process.exit(error instanceof BilagsassistentError && error.category === "user" ? 2 : 1);
  },
);
