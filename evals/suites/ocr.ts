/** ocr: OCR repair of Danish letters on the three hand-corrected sets (tuning, held-out, fresh). */
import { measureOcrRepair, type OcrFixtureSet } from "../ocr-repair.ts";
import type { CaseResult, Suite } from "./types.ts";

const SETS: Array<{ set: OcrFixtureSet; label: string }> = [
  { set: "tuning", label: "tuning (used while tuning)" },
  { set: "heldOut", label: "held-out (later worked on)" },
  { set: "fresh", label: "fresh (clean held-out)" },
];

export const ocrSuite: Suite = {
  name: "ocr",
  description:
    "Damaged words restored and correct words changed by the OCR repair, per fixture set.",
  async run(context) {
    const metrics: Record<string, number> = {};
    const cases: CaseResult[] = [];
    const chosen = context.quick ? SETS.filter((entry) => entry.set === "fresh") : SETS;
    for (const { set, label } of chosen) {
      const measure = await measureOcrRepair(set);
      metrics[`${set}.restored`] = measure.restoredShare;
      metrics[`${set}.changed`] = measure.changedShare;
      metrics[`${set}.damagedWords`] = measure.damaged;
      metrics[`${set}.misses`] = measure.misses.length;
      for (const card of measure.cards) {
        const misses = measure.misses.filter((miss) => miss.card === card);
        cases.push({
          id: `${set}:${card}`,
          ok: misses.length === 0,
          summary: `${label} ${card}: ${misses.length} misses`,
          details: {
            set,
            card,
            misses: misses.map((miss) => ({
              line: miss.line,
              raw: miss.raw,
              repaired: miss.repaired,
              expected: miss.expected,
              kind: miss.raw === miss.expected ? "changed" : "not restored",
            })),
          },
        });
      }
    }
    return {
      metrics,
      cases,
      charts: [
        {
          kind: "bar",
          id: "ocr-restored",
          title: "Damaged words restored, per set",
          unit: "share",
          bars: chosen.map(({ set, label }) => ({ label, value: metrics[`${set}.restored`] ?? 0 })),
        },
      ],
      notes: [
        "The fresh set is the clean held-out figure only as long as nobody tunes the repair on its misses.",
      ],
    };
  },
};
