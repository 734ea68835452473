/** validation: the mutation eval of validateText (recall per mutation class, false alarms on real and paraphrased statements). */
import {
  EXPECTED_CODES,
  KNOWN_SOURCE_ERRORS,
  MUTATION_CLASSES,
  runMutationEval,
} from "../validation-mutations.ts";
import type { CaseResult, Suite } from "./types.ts";

export const validationSuite: Suite = {
  name: "validation",
  description:
    "Single-change mutations of the real 2026 proposal statements must be caught with the right code; real, quoted and paraphrased statements must pass.",
  async run() {
    const result = await runMutationEval();
    const metrics: Record<string, number> = {};
    let total = 0;
    let caught = 0;
    for (const kind of MUTATION_CLASSES) {
      const entry = result.perClass[kind];
      if (entry === undefined || entry.total === 0) continue;
      metrics[`recall.${kind}`] = entry.recall;
      metrics[`mutations.${kind}`] = entry.total;
      total += entry.total;
      caught += entry.caught;
    }
    metrics["recall.all"] = total === 0 ? Number.NaN : caught / total;
    metrics.mutations = total;
    metrics.falseAlarms = result.falseAlarms.alarms;
    metrics.falseAlarmRate = result.falseAlarms.rate;
    metrics.statementsChecked = result.falseAlarms.statements;
    const cases: CaseResult[] = [
      ...result.misses.map((miss) => ({
        id: `miss:${miss.cardId}:${miss.kind}:${miss.note}`,
        ok: false,
        summary: `${miss.cardId} ${miss.kind} (${miss.note}) not caught`,
        details: {
          cardId: miss.cardId,
          kind: miss.kind,
          text: miss.text,
          issues: miss.codes,
          expected: EXPECTED_CODES[miss.kind],
        },
      })),
      ...result.alarmTexts.map((alarm) => ({
        id: `alarm:${alarm.cardId}:${alarm.text.slice(0, 60)}`,
        ok: false,
        summary: `false alarm on ${alarm.cardId}: ${alarm.codes.join(", ")}`,
        details: { cardId: alarm.cardId, text: alarm.text, issues: alarm.codes },
      })),
      ...MUTATION_CLASSES.map((kind) => {
        const entry = result.perClass[kind];
        return {
          id: `class:${kind}`,
          ok: entry !== undefined && (entry.total === 0 || entry.caught === entry.total),
          summary: `${kind}: ${entry?.caught ?? 0}/${entry?.total ?? 0} caught`,
          details: {
            caught: entry?.caught ?? 0,
            total: entry?.total ?? 0,
            expectedCodes: EXPECTED_CODES[kind],
          },
        };
      }),
    ];
    return {
      metrics,
      cases,
      charts: [
        {
          kind: "bar",
          id: "recall-per-class",
          title: "Mutation recall per class",
          unit: "share",
          bars: MUTATION_CLASSES.filter((kind) => (result.perClass[kind]?.total ?? 0) > 0).map(
            (kind) => ({
              label: `${kind} (${result.perClass[kind]?.total ?? 0})`,
              value: result.perClass[kind]?.recall ?? 0,
            }),
          ),
        },
      ],
      notes: [
        `${total} mutations of ${Object.keys(KNOWN_SOURCE_ERRORS).length === 0 ? "all" : "the clean"} 2026 proposal statements; false alarms over ${result.falseAlarms.statements} real, quoted and paraphrased statements.`,
        ...Object.entries(KNOWN_SOURCE_ERRORS).map(
          ([cardId, known]) =>
            `Excluded (a real source error, reported as ${known.codes.join(", ")}): ${cardId}. ${known.reason}`,
        ),
      ],
    };
  },
};
