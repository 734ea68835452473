import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { danishLexiconFile, loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { decodeWordGraph, encodeWordGraph } from "../../src/corpus/word-graph.ts";

const word = fc.string({ unit: fc.constantFrom(..."abeæøårst-."), minLength: 1, maxLength: 8 });

describe("word graph", () => {
  it("holds exactly the words it was built from, and their word prefixes", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 30 }), (words, probes) => {
        const set = new Set(words);
        const graph = decodeWordGraph(encodeWordGraph(words));
        for (const probe of [...words, ...probes]) {
          expect(graph.has(probe)).toBe(set.has(probe));
          const expected = [...probe]
            .map((_, index) => index + 1)
            .filter((length) => set.has(probe.slice(0, length)));
          expect(graph.prefixLengths(probe)).toEqual(expected);
        }
      }),
    );
  });

  it("refuses bytes that are not a word graph", () => {
    expect(() => decodeWordGraph(new TextEncoder().encode("not a graph"))).toThrow(/Not a word graph/);
  });
});

describe("the packed Danish lexicon", () => {
  it("loads quickly and knows Danish forms with Hunspell's case rules", async () => {
    const started = performance.now();
    const lexicon = await loadDanishLexicon();
    // About 5 ms alone (`npm run bench` measures it against the 0,2 s target); a loose bound here,
    // as test files run in parallel on a shared machine.
    expect(performance.now() - started).toBeLessThan(1_000);
    for (const known of ["København", "KØBENHAVN", "årligt", "Årligt", "videreføres", "beskæftigelse"])
      expect(lexicon.isWord(known), known).toBe(true);
    for (const unknown of ["Kgbenhavns", "arlist", "påservice", "københavn"])
      expect(lexicon.isWord(unknown), unknown).toBe(false);
    expect(danishLexiconFile().pathname).toMatch(/danish-lexicon\.dawg$/);
  });
});
