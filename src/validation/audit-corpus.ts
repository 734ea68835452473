/**
 * The corpus audit: the mistakes the documents hold of their own, found without allocation data.
 * Each annex card against itself, cross-references between cards, passages copied between cards
 * of the same year, and each budget note's tables and agreement text. Pure: the caller brings the
 * parsed documents and their raw texts (for quotes). Silent where figures agree within rounding.
 */
import type { AuditFinding, ParsedDocument, Severity, ValidationCode } from "../domain/index.ts";
import { SEVERITIES } from "../domain/index.ts";
import { auditBudgetTables } from "./audit-budget-tables.ts";
import { auditCard } from "./audit-card.ts";
import { checkCrossReferences } from "./check-cross-references.ts";
import type { AuditSources } from "./create-audit-finding.ts";
import type { FindCopiedPassagesOptions } from "./find-copied-passages.ts";
import { findCopiedPassages } from "./find-copied-passages.ts";

export type AuditCorpusOptions = FindCopiedPassagesOptions;

/** Every finding, sorted by severity (error, warning, info), then document, card and position. */
export function auditCorpus(
  documents: readonly ParsedDocument[],
  sources: AuditSources,
  options: AuditCorpusOptions = {},
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const document of documents) {
    for (const card of document.cards) findings.push(...auditCard(document, card, sources));
    findings.push(...checkCrossReferences(document, sources));
    findings.push(...auditBudgetTables(document, sources));
  }
  findings.push(...findCopiedPassages(documents, sources, options));
  const documentOrder = new Map(documents.map((document, index) => [document.document.id, index]));
  const cardOrder = new Map(
    documents.flatMap((document) => document.cards.map((card) => [card.id, card.ordinal] as const)),
  );
  return findings.sort(
    (left, right) =>
      SEVERITIES.indexOf(left.severity) - SEVERITIES.indexOf(right.severity) ||
      (documentOrder.get(left.documentId) ?? 0) - (documentOrder.get(right.documentId) ?? 0) ||
      (left.cardId === undefined ? 0 : (cardOrder.get(left.cardId) ?? 0)) -
        (right.cardId === undefined ? 0 : (cardOrder.get(right.cardId) ?? 0)) ||
      left.start - right.start ||
      left.code.localeCompare(right.code),
  );
}

export type AuditSummary = {
  total: number;
  bySeverity: Record<Severity, number>;
  byCode: Partial<Record<ValidationCode, number>>;
};

/** Counts of findings by severity and by code. */
export function auditSummary(findings: readonly AuditFinding[]): AuditSummary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byCode: Partial<Record<ValidationCode, number>> = {};
  for (const finding of findings) {
    bySeverity[finding.severity] += 1;
    byCode[finding.code] = (byCode[finding.code] ?? 0) + 1;
  }
  return { total: findings.length, bySeverity, byCode };
}
