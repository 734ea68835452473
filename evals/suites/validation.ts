/** validation: the mutation eval of validateText (recall per mutation class, false alarms on real and paraphrased statements). */
import {
  EXPECTED_CODES,
  KNOWN_SOURCE_ERRORS,
  MUTATION_CLASSES,
  runMutationEval,
} from "../validation-mutations.ts";
import { generatedTestSetHash, runGeneratedEval } from "../generated-statements.ts";
import type { CaseResult, Suite } from "./types.ts";

/** sha256 of the generator's test split, recorded when the split was fixed (before tuning). */
export const GENERATED_TEST_SET_SHA256 =
  "760a72eb110d5b3185e69719a8b1ec21744d8c0f7ab4c3f771bb3a236487377d";

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
    const generatedHash = generatedTestSetHash();
    metrics["generated.testSetHashMatches"] = generatedHash === GENERATED_TEST_SET_SHA256 ? 1 : 0;
    const generated = [runGeneratedEval("test"), runGeneratedEval("dev")];
    for (const outcome of generated) {
      const prefix = `generated.${outcome.split}.`;
      metrics[`${prefix}statements`] = outcome.statements;
      metrics[`${prefix}falseAlarms`] = outcome.falseAlarms.length;
      let all = 0;
      let hit = 0;
      for (const kind of MUTATION_CLASSES) {
        const entry = outcome.perClass[kind];
        if (entry.total === 0) continue;
        metrics[`${prefix}recall.${kind}`] = entry.caught / entry.total;
        all += entry.total;
        hit += entry.caught;
      }
      metrics[`${prefix}recall.all`] = all === 0 ? Number.NaN : hit / all;
    }
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
    for (const outcome of generated) {
      for (const alarm of outcome.falseAlarms)
        cases.push({
          id: `generated-alarm:${outcome.split}:${alarm.key}`,
          ok: false,
          summary: `[${outcome.split}] false alarm on a generated statement: ${alarm.codes.join(", ")}`,
          details: { ...alarm },
        });
      for (const miss of outcome.misses)
        cases.push({
          id: `generated-miss:${outcome.split}:${miss.key}:${miss.kind}:${cases.length}`,
          ok: false,
          summary: `[${outcome.split}] ${miss.kind} mutation of a generated statement not caught`,
          details: { ...miss },
        });
    }
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
        `Generated statements (evals/generated-statements.ts): seeds fixed, split by sha256 of the key before tuning; test split sha256 ${generatedHash} (recorded ${GENERATED_TEST_SET_SHA256}). Headline: generated.test.*.`,
        `${total} mutations of ${Object.keys(KNOWN_SOURCE_ERRORS).length === 0 ? "all" : "the clean"} 2026 proposal statements; false alarms over ${result.falseAlarms.statements} real, quoted and paraphrased statements.`,
        ...Object.entries(KNOWN_SOURCE_ERRORS).map(
          ([cardId, known]) =>
            `Excluded (a real source error, reported as ${known.codes.join(", ")}): ${cardId}. ${known.reason}`,
        ),
      ],
    };
  },
};
