/**
 * Hostile and busy use over HTTP: malformed bodies and out-of-range parameters answer 4xx, deep
 * JSON is refused before it is parsed, conversations and drafts belong to their creator, the
 * session route names the caller, and local mode does not throttle its one user.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSettings } from "../../src/config.ts";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { createOfflineBudgetNoteWriter } from "../../src/drafting/budget-note-writer.ts";
import { learnDecisionPhrasing } from "../../src/drafting/decision-phrasing.ts";
import { createOfflineWriter } from "../../src/drafting/offline-writer.ts";
import type { SecurityOptions } from "../../src/http/auth.ts";
import { createApp } from "../../src/http/create-app.ts";
import { createMemoryAllocationStore } from "../../src/import/allocation-store.ts";
import { createMemoryAuditTrail } from "../../src/security/audit-trail.ts";
import type { Role } from "../../src/domain/role.ts";
import { createTokenVerifier } from "../../src/security/tokens.ts";
import { createAllocationFileSource } from "../../src/runtime/node/allocation-files.ts";
import { createLanceDraftStore } from "../../src/runtime/node/lance-draft-store.ts";
import { createSecurity } from "../../src/runtime/node/services.ts";
import { createSha256Hasher, hashToken } from "../../src/runtime/node/tokens-file.ts";
import { CORPUS_DIR, createCorpusStore } from "../../evals/support/corpus-store.ts";

const USERS: Array<{ name: string; role: Role; token: string }> = [
  { name: "rita", role: "reader", token: "rita-token-0123456789" },
  { name: "anna", role: "caseworker", token: "anna-token-0123456789" },
  { name: "bo", role: "caseworker", token: "bo-token-0123456789" },
  { name: "ida", role: "admin", token: "ida-token-0123456789" },
];
const verifier = createTokenVerifier(
  USERS.map(({ name, role, token }) => ({ name, role, hash: hashToken(token) })),
  createSha256Hasher(),
);
const as = (name: string) => ({
  authorization: `Bearer ${USERS.find((user) => user.name === name)?.token}`,
});

let fixture: Awaited<ReturnType<typeof createCorpusStore>>;
let folder: string;
let drafts: Awaited<ReturnType<typeof createLanceDraftStore>>;
let deps: Omit<Parameters<typeof createApp>[0], "security">;
let app: ReturnType<typeof createApp>;

const appWith = (security?: SecurityOptions) =>
  createApp({ ...deps, ...(security === undefined ? {} : { security }) });
/** Without uploads: validation reads the bundled allocation files. */
const checkingApp = (security: SecurityOptions) => {
  const { importing: _uploads, ...rest } = deps;
  return createApp({ ...rest, security });
};

beforeAll(async () => {
  fixture = await createCorpusStore();
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-hardening-"));
  drafts = await createLanceDraftStore({ uri: path.join(folder, "drafts") });
  const phrasing = learnDecisionPhrasing(await fixture.store.allDocuments());
  deps = {
    store: fixture.store,
    embedder: fixture.embedder,
    allocations: await createAllocationFileSource(path.join(CORPUS_DIR, "allocations")),
    drafting: {
      drafts,
      assessmentWriter: createOfflineWriter(phrasing, { lexicon: await loadDanishLexicon() }),
      budgetNoteWriter: createOfflineBudgetNoteWriter(),
    },
    importing: { allocations: createMemoryAllocationStore() },
    log: () => undefined,
  };
  app = appWith({ auth: { mode: "tokens", verifier }, auditTrail: createMemoryAuditTrail() });
});
afterAll(async () => {
  drafts.close();
  await fixture.dispose();
  await rm(folder, { recursive: true, force: true });
});

type ErrorBody = { error: { code: string; message: string } };
const postJson = (url: string, body: unknown, headers: Record<string, string>) =>
  app.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("malformed bodies and out-of-range parameters are 4xx", () => {
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ["no boundary", { "content-type": "multipart/form-data" }, "--x\r\nfoo", "multipart_invalid"],
    [
      "broken boundary",
      { "content-type": "multipart/form-data; boundary=abc" },
      "garbage without the boundary",
      "multipart_invalid",
    ],
    [
      "unterminated part",
      { "content-type": "multipart/form-data; boundary=abc" },
      '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello',
      "multipart_invalid",
    ],
    [
      "bad filename*",
      {
        "content-type": "text/plain",
        "content-disposition": "attachment; filename*=UTF-8''%E0%A4%A",
      },
      "hello",
      "filename_invalid",
    ],
  ];
  for (const route of ["/api/documents", "/api/allocations/import"])
    for (const [label, headers, body, code] of cases)
      it(`${route}: ${label}`, async () => {
        const response = await app.request(route, {
          method: "POST",
          headers: { ...headers, ...as("ida") },
          body,
        });
        expect(response.status).toBe(400);
        const error = ((await response.json()) as ErrorBody).error;
        expect(error.code).toBe(code);
        expect(error.message).toMatch(/boundary|percent-encoded/u);
      });

  it("an empty JSON body is a 400 on every JSON route (the body is read once, then again by the route)", async () => {
    for (const url of ["/api/validate", "/api/drafts/assessment", "/api/search", "/api/ask"]) {
      const response = await postJson(url, "", as("anna"));
      expect(response.status, url).toBe(400);
      expect(typeof ((await response.json()) as ErrorBody).error.message, url).toBe("string");
    }
  });

  it("?version past what a version can be is a 400 on read and export", async () => {
    for (const url of [
      "/api/drafts/x?version=2147483648",
      "/api/drafts/x/export?version=99999999999999999999",
      "/api/drafts/x?version=-1",
      "/api/drafts/x?version=1.5",
    ]) {
      const response = await app.request(url, { headers: as("anna") });
      expect(response.status, url).toBe(400);
    }
  });

  it("refuses a 10 MB body nested 5 million deep on /api/validate with 400, fast, and health stays up", async () => {
    const deep = `${"[".repeat(5_000_000)}${"]".repeat(5_000_000)}`;
    const started = performance.now();
    const response = await postJson("/api/validate", deep, as("anna"));
    const elapsed = performance.now() - started;
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe("json_too_deep");
    expect(elapsed).toBeLessThan(1_000);
    expect((await app.request("/api/health")).status).toBe(200);
    const nested = { text: "Der foreslås 1 mio. kr.", allocation: { a: { b: { c: 1 } } } };
    let value: unknown = nested;
    for (let depth = 0; depth < 40; depth += 1) value = { value };
    expect((await postJson("/api/validate", value, as("anna"))).status).toBe(400);
  });
});

describe("GET /api/session", () => {
  it("in token mode: not signed in without a token, the name and role with one, 401 for an unknown one", async () => {
    expect(await (await app.request("/api/session")).json()).toEqual({
      mode: "tokens",
      signedIn: false,
    });
    expect(await (await app.request("/api/session", { headers: as("anna") })).json()).toEqual({
      mode: "tokens",
      signedIn: true,
      name: "anna",
      role: "caseworker",
    });
    const unknown = await app.request("/api/session", {
      headers: { authorization: "Bearer nope" },
    });
    expect(unknown.status).toBe(401);
  });

  it("in local mode: the local admin", async () => {
    const local = appWith({ auth: { mode: "local" } });
    expect(await (await local.request("/api/session")).json()).toEqual({
      mode: "local",
      signedIn: true,
      name: "local",
      role: "admin",
    });
  });
});

describe("ownership", () => {
  it("a draft's author is the token's name, never the body's; only its creator and admins use it", async () => {
    const created = await postJson(
      "/api/drafts/assessment",
      { initiativeId: "bilag-2026-04", decision: "uændret", author: "Direktøren" },
      as("anna"),
    );
    expect(created.status).toBe(201);
    const draft = (await created.json()) as { id: string; author: string };
    expect(draft.author).toBe("anna");

    for (const url of [`/api/drafts/${draft.id}`, `/api/drafts/${draft.id}/export`]) {
      expect((await app.request(url, { headers: as("bo") })).status, url).toBe(403);
      expect((await app.request(url, { headers: as("anna") })).status, url).toBe(200);
      expect((await app.request(url, { headers: as("ida") })).status, url).toBe(200);
    }
    const foreign = await postJson(
      `/api/drafts/${draft.id}/revisions`,
      { text: "Forvaltningen vurderer, at indsatsen videreføres uændret.", author: "anna" },
      as("bo"),
    );
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as ErrorBody).error.code).toBe("draft_not_owned");

    // An admin's revision keeps the draft anna's: she still sees and lists it.
    const revised = await postJson(
      `/api/drafts/${draft.id}/revisions`,
      { text: "Forvaltningen vurderer, at indsatsen videreføres uændret.", author: "anna" },
      as("ida"),
    );
    expect(((await revised.json()) as { author: string }).author).toBe("ida");
    const listed = async (name: string) =>
      (
        (await (await app.request("/api/drafts", { headers: as(name) })).json()) as {
          drafts: Array<{ id: string }>;
        }
      ).drafts.map((entry) => entry.id);
    expect(await listed("anna")).toContain(draft.id);
    expect(await listed("ida")).toContain(draft.id);
    expect(await listed("bo")).not.toContain(draft.id);
    expect((await app.request(`/api/drafts/${draft.id}`, { headers: as("anna") })).status).toBe(
      200,
    );
  });

  it("a conversation is read and continued only by its creator and admins", async () => {
    const turn = async (name: string, body: Record<string, unknown>) => {
      const response = await postJson("/api/chat", body, as(name));
      return { status: response.status, text: await response.text() };
    };
    const first = await turn("anna", { message: "Hvad er bilag-2026-04?" });
    expect(first.status).toBe(200);
    const conversationId = /"conversationId":"([^"]+)"/u.exec(first.text)?.[1] ?? "";
    expect(conversationId).not.toBe("");

    const url = `/api/conversations/${conversationId}`;
    expect((await app.request(url, { headers: as("rita") })).status).toBe(403);
    expect((await app.request(url, { headers: as("bo") })).status).toBe(403);
    expect((await app.request(url, { headers: as("anna") })).status).toBe(200);
    expect((await app.request(url, { headers: as("ida") })).status).toBe(200);

    const intrusion = await turn("bo", { conversationId, message: "Skriv noget andet" });
    expect(intrusion.status).toBe(403);
    expect(intrusion.text).toContain("conversation_not_owned");
    const conversation = (await (await app.request(url, { headers: as("anna") })).json()) as {
      messages: unknown[];
    };
    expect(conversation.messages).toHaveLength(2);
    expect((await turn("anna", { conversationId, message: "Og i 2027?" })).status).toBe(200);
  });
});

describe("rate limits that fit the work", () => {
  it("local mode from the settings has no limit: a burst of 300 validations is all answered", async () => {
    const settings = parseSettings({ DATA_DIR: path.join(folder, "local") });
    const { options, auditTrail } = await createSecurity(settings);
    try {
      expect(options.rateLimiter).toBeUndefined();
      const local = checkingApp(options);
      const statuses = await Promise.all(
        Array.from({ length: 300 }, () =>
          local.request("/api/validate", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              text: "Der foreslås 5,7 mio. kr.",
              initiativeId: "bilag-2026-04",
            }),
          }),
        ).map(async (response) => (await response).status),
      );
      expect(statuses.filter((status) => status === 429)).toHaveLength(0);
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await auditTrail.close();
    }
  });

  it("token mode: cheap checks go far beyond drafts and uploads under one budget", async () => {
    const settings = parseSettings({
      DATA_DIR: path.join(folder, "tokens"),
      API_TOKENS: `anna:caseworker:${hashToken("anna-token-0123456789")}`,
    });
    const { options, auditTrail } = await createSecurity(settings);
    try {
      const limiter = options.rateLimiter;
      expect(limiter?.perMinute).toBe(1_200);
      const budget = checkingApp({ ...options, auditTrail: createMemoryAuditTrail() });
      const validate = () =>
        budget.request("/api/validate", {
          method: "POST",
          headers: { "content-type": "application/json", ...as("anna") },
          body: JSON.stringify({
            text: "Der foreslås 5,7 mio. kr.",
            initiativeId: "bilag-2026-04",
          }),
        });
      let checks = 0;
      for (let index = 0; index < 300; index += 1)
        if ((await validate()).status === 200) checks += 1;
      expect(checks).toBe(300);
      let draftsAllowed = 0;
      for (let index = 0; index < 30; index += 1) {
        const response = await budget.request("/api/drafts/assessment", {
          method: "POST",
          headers: { "content-type": "application/json", ...as("anna") },
          body: "{}",
        });
        if (response.status !== 429) draftsAllowed += 1;
      }
      // 900 units left after 300 checks: 15 drafts at 60 each.
      expect(draftsAllowed).toBe(15);
    } finally {
      await auditTrail.close();
    }
  });
});
