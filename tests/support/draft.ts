import type { Draft } from "../../src/domain/index.ts";

/** A clean, offline assessment draft by "test"; each test gives its title and sections and whatever else it needs. */
export function assessmentDraft(fields: Pick<Draft, "title" | "sections"> & Partial<Draft>): Draft {
  return {
    id: "udkast-1",
    kind: "assessment",
    version: 1,
    text: "",
    validation: { ok: true, figures: [], issues: [] },
    status: "clean",
    sources: [],
    prompt: { id: "assessment", version: "1" },
    model: "offline",
    attempts: 1,
    input: {},
    author: "test",
    createdAt: "2026-05-01T09:00:00.000Z",
    ...fields,
  };
}
