/**
 * The CLI's remote mode: `npm run cli -- --server URL [--token T] search|validate|ask|draft …`
 * runs the command against a running service through the typed client (src/client), so scripts
 * and eval runs can share one server. Prints readable text, or the service's JSON with --json.
 * Exit codes as in local mode: 0 ok, 1 figures that do not match (or a draft that is not clean),
 * 2 a usage error or an error answer of the service.
 */
import { readFile, writeFile } from "node:fs/promises";
import {
  ApiError,
  type ApiClient,
  createApiClient,
  expectData,
  type paths,
} from "../../client/create-client.ts";
import { InputError } from "../../errors/errors.ts";
import { type PrintableValidation, printValidation } from "./print-validation.ts";

export const REMOTE_COMMANDS = ["search", "validate", "ask", "draft"] as const;

export const REMOTE_USAGE = `Remote mode (against a running service; the token from --token or BILAG_TOKEN):

  npm run cli -- --server URL --token T search "<query>" [--year N] [--kind annex|budget_note] [--limit N] [--mode hybrid|fulltext|vector]
  npm run cli -- --server URL --token T validate --text FILE (--allocation FILE | --initiative ID) [--budget-year N] [--decision D]
  npm run cli -- --server URL --token T ask "<question>" [--year N]
  npm run cli -- --server URL --token T draft assessment --initiative ID --decision D [--note "…"]… [--out FILE.md|FILE.docx]
  npm run cli -- --server URL --token T draft budget-note --request FILE.json [--out FILE.md|FILE.docx]
  npm run cli -- --server URL --token T draft show ID [--version N] [--out FILE.md|FILE.docx]`;

export type RemoteValues = {
  server: string;
  token?: string | undefined;
  json?: boolean | undefined;
  year?: string | undefined;
  kind?: string | undefined;
  limit?: string | undefined;
  mode?: string | undefined;
  text?: string | undefined;
  allocation?: string | undefined;
  initiative?: string | undefined;
  "budget-year"?: string | undefined;
  decision?: string | undefined;
  note?: string[] | undefined;
  request?: string | undefined;
  out?: string | undefined;
  version?: string | undefined;
  author?: string | undefined;
};

type Output = { log: (line: string) => void; error: (line: string) => void };

/** The JSON body type of an operation, from the generated client types. */
type JsonBody<Path extends keyof paths, Method extends "post"> = paths[Path][Method] extends {
  requestBody?: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number))
    throw new InputError("invalid_flag", `--${flag} must be a whole number, got "${value}"`);
  return number;
}

async function readText(flag: string, file: string): Promise<string> {
  return readFile(file, "utf8").catch((cause: unknown) => {
    throw new InputError(
      "file_unreadable",
      `Cannot read --${flag} ${file}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  });
}

async function readJson(flag: string, file: string): Promise<unknown> {
  const text = await readText(flag, file);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError("invalid_json", `--${flag} ${file} is not valid JSON.`);
  }
}

/** Runs one command against the service; returns the exit code. Error answers become InputErrors. */
export async function runRemote(
  command: string | undefined,
  rest: readonly string[],
  values: RemoteValues,
  options: { fetch?: typeof fetch; out?: Output } = {},
): Promise<number> {
  try {
    return await runRemoteCommand(command, rest, values, options);
  } catch (error) {
    if (error instanceof ApiError)
      throw new InputError(
        error.code,
        `${values.server} answered ${error.status} (${error.code}): ${error.message}`,
      );
    if (error instanceof TypeError && error.message === "fetch failed")
      throw new InputError(
        "server_unreachable",
        `Cannot reach ${values.server}: ${error.cause instanceof Error ? error.cause.message : "no answer"}. Is the service running (npm start) and the URL right?`,
      );
    throw error;
  }
}

async function runRemoteCommand(
  command: string | undefined,
  rest: readonly string[],
  values: RemoteValues,
  options: { fetch?: typeof fetch; out?: Output } = {},
): Promise<number> {
  const out = options.out ?? { log: console.log, error: console.error };
  if (!/^https?:\/\//u.test(values.server))
    throw new InputError(
      "invalid_server",
      `--server must be the service's URL, such as http://localhost:3000, got "${values.server}"`,
    );
  const api = createApiClient({
    baseUrl: values.server,
    ...(values.token === undefined ? {} : { token: values.token }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const print = (data: unknown) => out.log(JSON.stringify(data, null, 2));
  switch (command) {
    case "search": {
      const query = rest.join(" ").trim();
      if (query === "")
        throw new InputError("no_query", 'search needs a query, e.g. search "ekstremisme"');
      const year = integer("year", values.year);
      const limit = integer("limit", values.limit);
      const body = {
        query,
        ...(year === undefined ? {} : { year }),
        ...(limit === undefined ? {} : { limit }),
        ...(values.kind === undefined ? {} : { kind: values.kind }),
        ...(values.mode === undefined ? {} : { mode: values.mode }),
      } as JsonBody<"/api/search", "post">;
      const data = expectData(await api.POST("/api/search", { body }));
      if (values.json) print(data.results);
      else
        data.results.forEach((hit, index) => {
          out.log(
            `${index + 1}. [${hit.cardId}] ${hit.title} (${hit.year}, ${hit.heading || hit.section}) score ${hit.score.toFixed(3)}`,
          );
          out.log(
            `   “${hit.quote.replace(/\s+/gu, " ").slice(0, 220)}${hit.quote.length > 220 ? "…" : ""}” [${hit.start}-${hit.end}]`,
          );
        });
      return 0;
    }
    case "ask": {
      const question = rest.join(" ").trim();
      if (question === "")
        throw new InputError("no_question", 'ask needs a question, e.g. ask "Hvad fik TechBBQ?"');
      const year = integer("year", values.year);
      const data = expectData(
        await api.POST("/api/ask", {
          body: { question, ...(year === undefined ? {} : { year }) },
        }),
      );
      if (values.json) print(data);
      else {
        out.log(data.answer);
        for (const citation of data.citations)
          out.log(`  [${citation.id}] ${citation.cardId}: ${citation.title} (${citation.year})`);
        for (const warning of data.warnings) out.log(`  ! ${warning}`);
      }
      return 0;
    }
    case "validate": {
      if (values.text === undefined)
        throw new InputError("no_text", "validate needs --text FILE (the text to check)");
      if ((values.allocation === undefined) === (values.initiative === undefined))
        throw new InputError(
          "no_allocation",
          "validate needs either --allocation FILE (allocation JSON) or --initiative ID (stored data)",
        );
      const text = await readText("text", values.text);
      const budgetYear = integer("budget-year", values["budget-year"]);
      const body = {
        text,
        ...(values.allocation === undefined
          ? { initiativeId: values.initiative }
          : { allocation: await readJson("allocation", values.allocation) }),
        options: {
          ...(budgetYear === undefined ? {} : { budgetYear }),
          ...(values.decision === undefined ? {} : { decision: values.decision }),
        },
      } as JsonBody<"/api/validate", "post">;
      const data = expectData(await api.POST("/api/validate", { body }));
      if (values.json) print(data);
      else printValidation(text, data as PrintableValidation, out.log);
      return data.ok ? 0 : 1;
    }
    case "draft":
      return runDraft(api, rest, values, out);
    default:
      throw new InputError(
        "unknown_command",
        `Remote mode runs ${REMOTE_COMMANDS.join(", ")}, not "${command ?? ""}".\n\n${REMOTE_USAGE}`,
      );
  }
}

async function runDraft(
  api: ApiClient,
  rest: readonly string[],
  values: RemoteValues,
  out: Output,
): Promise<number> {
  const [action, id] = rest;
  let draft: Awaited<ReturnType<typeof createAssessment>>;
  async function createAssessment() {
    return expectData(
      await api.POST("/api/drafts/assessment", {
        body: {
          initiativeId: values.initiative,
          decision: values.decision,
          ...(values.note === undefined ? {} : { notes: values.note }),
          ...(values.author === undefined ? {} : { author: values.author }),
        } as JsonBody<"/api/drafts/assessment", "post">,
      }),
    );
  }
  if (action === "assessment") {
    if (values.initiative === undefined || values.decision === undefined)
      throw new InputError(
        "invalid_request",
        "draft assessment needs --initiative ID and --decision D",
      );
    draft = await createAssessment();
  } else if (action === "budget-note") {
    if (values.request === undefined)
      throw new InputError("no_request", "draft budget-note needs --request FILE.json");
    const request = await readJson("request", values.request);
    draft = expectData(
      await api.POST("/api/drafts/budget-note", {
        body: request as JsonBody<"/api/drafts/budget-note", "post">,
      }),
    );
  } else if (action === "show") {
    if (id === undefined) throw new InputError("no_draft", "draft show needs a draft id");
    const version = integer("version", values.version);
    draft = expectData(
      await api.GET("/api/drafts/{id}", {
        params: { path: { id }, query: version === undefined ? {} : { version } },
      }),
    ).draft;
  } else {
    throw new InputError(
      "unknown_command",
      `draft needs assessment, budget-note or show.\n\n${REMOTE_USAGE}`,
    );
  }
  if (values.out !== undefined) {
    const format = values.out.endsWith(".docx") ? "docx" : "md";
    const exported = await api.GET("/api/drafts/{id}/export", {
      params: { path: { id: draft.id }, query: { format, version: draft.version } },
      parseAs: "arrayBuffer",
    });
    const bytes = expectData(exported);
    await writeFile(values.out, new Uint8Array(bytes as ArrayBuffer));
    out.error(`Wrote ${values.out}`);
  }
  if (values.json) out.log(JSON.stringify(draft, null, 2));
  else {
    out.log(`${draft.title} — ${draft.id} v${draft.version} (${draft.model})\n`);
    out.log(draft.text);
    if (draft.status === "clean") out.log("\n✓ Alle beløb passer med bevillingen.");
    else printValidation(draft.text, draft.validation as PrintableValidation, out.log);
  }
  return draft.status === "clean" ? 0 : 1;
}
