import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { toRawOffset } from "../../src/domain/span.ts";
import { loadDanishLexicon, type DanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { repairOcr, repairOcrWord } from "../../src/corpus/repair-ocr.ts";
import { measureOcrRepair, measureOcrRepairFresh, measureOcrRepairHeldOut } from "../../evals/ocr-repair.ts";

let lexicon: DanishLexicon;
beforeAll(async () => {
  lexicon = await loadDanishLexicon();
}, 30_000);

describe("repairOcrWord", () => {
  it.each([
    ["Kgbenhavns", "Københavns"],
    ["@konomi", "Økonomi"],
    ["viderefgres", "videreføres"],
    ["arligt", "årligt"],
    ["useendret", "uændret"],
    ["beskaeftigelse", "beskæftigelse"],
    ["udlgber", "udløber"],
    ["&rligt", "Årligt"],
    ["pa", "på"],
    ["pd", "på"],
    ["p4", "på"],
    ["ma", "må"],
  ])("repairs %s to %s", (raw, repaired) => {
    expect(repairOcrWord(raw)).toBe(repaired);
  });

  it.each([
    ["bydaekkende", "bydækkende"],
    ["kontanthjeelpsmalgruppen", "kontanthjælpsmålgruppen"],
    ["lzbende", "løbende"],
    ["Mentorsteotte", "Mentorstøtte"],
    ["rehabiliteringsteammeader", "rehabiliteringsteammøder"],
    ["forforlab", "forforløb"],
  ])("repairs the compound %s to %s", (raw, repaired) => {
    expect(repairOcrWord(raw)).toBe(repaired);
  });

  it.each([
    ["paservice", "på service"],
    ["harialt", "har i alt"],
    ["vaereti", "været i"],
    ["opfyldti", "opfyldt i"],
  ])("splits the joined words %s into %s", (raw, repaired) => {
    expect(repairOcrWord(raw)).toBe(repaired);
  });

  it.each([
    ["sighatur", "signatur"],
    ["familicindsats", "familieindsats"],
  ])("repairs %s to %s through the estimated channel", (raw, repaired) => {
    expect(repairOcrWord(raw)).toBe(repaired);
  });

  it.each([
    ["forskelligse", "forskellige"],
    ["derigsennem", "derigennem"],
    ["opbysggende", "opbyggende"],
  ])("reads the stray glyph in %s as noise (%s) rather than forcing a far-fetched compound", (raw, repaired) => {
    expect(repairOcrWord(raw)).toBe(repaired);
  });

  it.each(["BIF", "SOF", "BIU", "KK", "PET", "2027-2030", "5,7", "Settlementet", "Q4", "BI32"])("leaves %s alone", (word) => {
    expect(repairOcrWord(word)).toBe(word);
  });
});

describe("repairOcr", () => {
  it("repairs the named examples in running text", () => {
    const { text } = repairOcr("@konomi/ressourcer:\n7,4 mio. kr. arligt pa service; indsatsen kan viderefgres useendret.");
    expect(text).toBe("Økonomi/ressourcer:\n7,4 mio. kr. årligt på service; indsatsen kan videreføres uændret.");
  });

  it("passes correct Danish text through unchanged", () => {
    const clean = readFileSync(new URL("../../corpus/bilag-2024-udloebende-bevillinger.txt", import.meta.url), "utf8");
    const paragraph = clean.split("\n").find((line) => line.startsWith("Indsatsen har til formål")) ?? "";
    expect(paragraph.length).toBeGreaterThan(200);
    const repair = repairOcr(paragraph);
    expect(repair.text).toBe(paragraph);
    expect(repair.changes).toEqual([]);
    expect(repairOcr(clean).changes).toEqual([]);
  });

  it("repairs words cut by a line-break hyphen as one word, or the part before it in a suspended compound", () => {
    expect(repairOcr("arbejder beskaeftigelses-\nog uddannelsesrettet").text).toBe("arbejder beskæftigelses-\nog uddannelsesrettet");
    expect(repairOcr("en ny organisering af leverander-\nvirksomheders muligheder").text).toBe("en ny organisering af leverandør-\nvirksomheders muligheder");
    expect(repairOcr("af bud-\ngetnotatet").text).toBe("af bud-\ngetnotatet");
  });

  it("reads valid but improbable short words by their neighbours", () => {
    expect(repairOcr("en tydelig red trad i forlgbet, og sagsbehandlerne far nye gjne, nar de kan").text).toBe(
      "en tydelig rød tråd i forløbet, og sagsbehandlerne får nye øjne, når de kan",
    );
    expect(repairOcr("Nar de far et job").text).toBe("Når de får et job");
    expect(repairOcr("som far og mor; en red bil").text).toBe("som far og mor; en red bil");
  });

  it("maps every repaired word start back to the raw word start", () => {
    const raw = "Kgbenhavns Kommune - @konomi/ressourcer:\npa en for virksomhederne overskuelig made, 30 &r.";
    const repair = repairOcr(raw);
    for (const change of repair.changes) expect(raw.slice(change.start, change.end)).toBe(change.from);
    const rawWords = [...raw.matchAll(/\S+/g)];
    const repairedWords = [...repair.text.matchAll(/\S+/g)];
    expect(repairedWords).toHaveLength(rawWords.length);
    repairedWords.forEach((word, index) => {
      expect(toRawOffset(repair.offsets, word.index)).toBe(rawWords[index]?.index);
      expect(toRawOffset(repair.offsets, word.index + word[0].length)).toBe((rawWords[index]?.index ?? 0) + (rawWords[index]?.[0].length ?? 0));
    });
  });

  it("repairs the whole 2026 annex quickly once the lexicon is loaded", () => {
    const raw = readFileSync(new URL("../../corpus/bilag-2026-udloebende-bevillinger.txt", import.meta.url), "utf8");
    const started = performance.now();
    const repair = repairOcr(raw, { lexicon });
    // The noisy channel's nearest-word searches added work: about 7 s measured here with the
    // machine's load average near 19 on 2 cores, 0,4 s for a second pass (cached).
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(repair.text).toContain("Københavns Kommune");
    expect(repair.text).not.toContain("Kgbenhavns");
  });

  it("repairs a text of many long unknown tokens in bounded time (bad input)", () => {
    // Glued OCR words of 40 to 120 letters, each different: before the splits and the channel
    // search were bounded, one 40-letter token took 3-5 s and one of 60 letters 18 s.
    const glued = "beskaeftigelsesindsatsforlabarligtkgbenhavnsuseendretudlgbermalgruppen";
    const tokens = Array.from({ length: 8 }, (_, index) => {
      const length = 40 + index * 11;
      const rotated = glued.slice(index * 7) + glued.slice(0, index * 7);
      return rotated.repeat(2).slice(0, length);
    });
    const raw = `Kgbenhavns Kommune arligt ${tokens.join(" ")} udlgber.`;
    const started = performance.now();
    const repair = repairOcr(raw, { lexicon });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(repair.text).toContain("Københavns Kommune årligt");
    for (const token of tokens) expect(repair.text).toContain(token.slice(-10));
  }, 60_000);

  it("leaves text made of valid lexicon words unchanged, with monotonic offsets", () => {
    const words = ["København", "årligt", "på", "service", "videreføres", "uændret", "beskæftigelse", "udløber", "Økonomi", "borgerne", "og", "til", "BIF", "målgruppen", "indsats", "2027"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 30 }), fc.constantFrom(" ", "\n", ", "), (chosen, separator) => {
        const text = chosen.join(separator);
        const repair = repairOcr(text);
        expect(repair.text).toBe(text);
        expect(repair.changes).toEqual([]);
      }),
    );
    const damaged = ["Kgbenhavns", "arligt", "pa", "useendret", "2027", "BIF", "@konomi"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...damaged), { minLength: 1, maxLength: 30 }), (chosen) => {
        const { offsets } = repairOcr(chosen.join(" "));
        for (let index = 1; index < offsets.length; index++) {
          expect(offsets[index]?.[0]).toBeGreaterThanOrEqual(offsets[index - 1]?.[0] ?? 0);
          expect(offsets[index]?.[1]).toBeGreaterThanOrEqual(offsets[index - 1]?.[1] ?? 0);
        }
      }),
    );
  });
});

describe("fixtures (hand-corrected cards of the 2026 annex)", () => {
  it("restores damaged words and keeps correct ones", async () => {
    const measure = await measureOcrRepair();
    expect(measure.damaged).toBeGreaterThan(100);
    // Reached 138/145 = 0.952 and 0/730; `node --import tsx evals/ocr-repair.ts` lists the misses.
    expect(measure.restoredShare).toBeGreaterThanOrEqual(0.95);
    expect(measure.changedShare).toBeLessThanOrEqual(0.005);
  }, 30_000);

  it("held out (Nr. 14, 21, 26, kept out of the first tuning, looked at later): restores damaged words and keeps correct ones", async () => {
    const measure = await measureOcrRepairHeldOut();
    expect(measure.cards).toEqual(["nr-14", "nr-21", "nr-26"]);
    expect(measure.damaged).toBeGreaterThan(100);
    // Measured 126/133 = 0.947 restored and 0/692 changed before its 7 misses were worked on (æ as ae
    // inside compounds, a line-break hyphen, valid-word damage red/far/nar, ø read as z); now 133/133
    // and 0/692, but as those misses were studied, this set is no longer held out for them.
    expect(measure.restoredShare).toBeGreaterThanOrEqual(0.95);
    expect(measure.changedShare).toBeLessThanOrEqual(0.005);
  }, 30_000);

  it("fresh (Nr. 6, 16, 23, corrected by hand before the repair was run on them): restores damaged words and keeps correct ones", async () => {
    const measure = await measureOcrRepairFresh();
    expect(measure.cards).toEqual(["nr-6", "nr-16", "nr-23"]);
    // 126 damaged words since the corrections also split joined words ("i job", "på indsats") and
    // repair other letters ("tilbyder", "familieindsats"), and adjacent damaged words count together.
    expect(measure.damaged).toBe(126);
    expect(measure.correct).toBe(658);
    // First measured 118/122 = 0.967 restored and 0/662 changed, before the noisy channel; its misses
    // have since been seen, so this set is a development set now. The clean held-out figure is the
    // frozen set (tests/fixtures/ocr-frozen, `npm run eval -- --suite ocr`).
    expect(measure.restored).toBeGreaterThanOrEqual(124);
    expect(measure.restoredShare).toBeGreaterThanOrEqual(0.95);
    expect(measure.changed).toBeLessThanOrEqual(0);
    expect(measure.changedShare).toBeLessThanOrEqual(0.005);
  }, 30_000);
});
