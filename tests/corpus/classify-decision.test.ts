import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Card, CorpusDocument, Decision } from "../../src/domain/index.ts";
import { classifyDecision, decisionSentences } from "../../src/corpus/classify-decision.ts";
import { annexMarkdownParser } from "../../src/corpus/parse-annex-markdown.ts";
import { annexPlainParser } from "../../src/corpus/parse-annex-plain.ts";
import { loadDanishLexicon } from "../../src/corpus/danish-lexicon.ts";
import { repairOcr } from "../../src/corpus/repair-ocr.ts";

/*
 * Excerpts are quoted from the assessments of the annexes in corpus/ (2026 as OCR'd, line breaks
 * kept). The comment on each case says how it was judged by reading it.
 */
type Case = readonly [label: string, text: string, decision: Decision];

const UNCHANGED: Case[] = [
  // Stated outright, OCR-damaged ("viderefgres useendret", "uaendret", "usendret", "viderefares").
  ["2026-02", "Forvaltningens faglige vurdering er, at indsatsen kan viderefgres useendret. Der kan\nsgges om midler til en forleengelse af Settlementets indsats i ét &r med evt.\ngenbevilling.", "uændret"],
  ["2026-26", "Forvaltningens faglige vurdering er, at indsatsen kan viderefgres uaendret.", "uændret"],
  ["2026-09", ". Den udgdende grgnne enhed bgr anbefales viderefgrt usendret", "uændret"],
  ["2026-23", "Indsatsen kan viderefares useendret.", "uændret"],
  // "uden justeringer … med det forbehold": a reservation about later talks, not a condition.
  ["2026-14", "Forvaltningens faglige vurdering er, at indsatsen kan viderefgres uden justeringer\nmed det forbehold, at SSPi 2025 er blevet lagt ind under SOF, hvilket vil medfgre\novervejelser/drgftelser internt i SOF og mellem BIF og SOF.", "uændret"],
  // Continuation without a word on how: read as unchanged.
  ["2026-08", "Forvaltningens faglige vurdering er, at indsatsen kan viderefgres.\nVelfaerdsvejen har til fulde opnéet de fastsatte mal", "uændret"],
  ["2023-07", "Det vil være hensigtsmæssigt at videreføre projektet grundet de gode resultater ift. at udvide kendskab til iværksætteri", "uændret"],
  // The decision stands in the LAST sentence, after a first sentence that decides nothing.
  ["2024-03", "Der vil fremadrettet være behov for flere rehabiliteringsteammøder end der varigt er budgetteret med. Det seneste år er 4.350 sager lagt til behandling på et rehabiliteringsteammøde. Forvaltningen vurderer på den baggrund, at det vil være hensigtsmæssigt at videreføre initiativet og det forventes løftet som et need to budgetønske.", "uændret"],
  // Continuation only implied by the results ("lever op til målsætningerne", "fortsat relevant", "gode effekter").
  ["2023-14", "Indsatsen lever op til målsætningerne. Forvaltningen forventer, at der forsat vil være en stigende efterspørgsel efter arbejdskraft med kompetencer, der kan bidrage til den grønne omstilling.", "uændret"],
  ["2023-13", "Der er gode erfaringerne med indsatsen, og den er fortsat relevant.", "uændret"],
  ["2023-20", "Indsatsen har gode effekter, og der findes kun denne ene indsats for målgruppen af ægtefælleforsørgede med ikke-vestlig baggrund.", "uændret"],
  // "hvis bevillingen ikke fortsætter" only supposes; it argues for continuing.
  ["2023-11", "Indsatsen har gode resultater. Københavns Erhvervshus har modtaget EU-midler for 2023-25 til projektet \"Kompetencer til et grønt Danmark\", som ikke vil kunne udnyttes, hvis bevillingen ikke fortsætter, ligesom et samarbejde med offentlige aktører i Jylland ikke vil kunne fortsætte.", "uændret"],
];

const ADJUSTED: Case[] = [
  ["2026-05", "Forvaltningens faglige vurdering er, at indsatsen kan viderefgres med fglgende\njusteringer:\n\n. Masterclass-indsatsen bgr nedjusteres med feerre deltagsgende medarbejdere\n\n. Grgnne matcharrangementer bgr ikke viderefgres.", "med_justeringer"],
  // "såfremt der prioriteres midler": only says the money must be found; the verdict is the adjustment.
  ["2026-07", "Forvaltningens faglige vurdering er, at indsatsen kan viderefgres med falgende\njusteringer, sdfremt der prioriteres midler ved budgetforhandlingerne.", "med_justeringer"],
  ["2023-02", "Det vurderes, at borgerne oplever at få en relevant indsats. Ydermere vurderes det, at indsatsen kan videreføres med en mindre bevilling.", "med_justeringer"],
  ["2024-02", "De kan med fordel videreføres. Dog er behovet begrænset, og kan vurderes til et omfang på 2-300.000 årligt. Forvaltningen vurderer på den baggrund, at det vil være relevant at videreføre indsatsen som et nyt initiativ og med et reduceret budget.", "med_justeringer"],
  // A pending first sentence, then a concluding continuation with a smaller budget.
  ["2024-06", "Der er endnu ikke resultater for 2024, og forvaltningen kan derfor ikke vurdere indsatsen endnu.\n\nForvaltningen vurderer på den baggrund, at indsatsen godt kan videreføres, eventuelt med et reduceret budget og krav om, at der også stilles anden finansiering.", "med_justeringer"],
  // "udbredes"; the concluding sentence is split by a blank line.
  ["2024-04", "Vurderingen er, at indsatsen skal udbredes yderligere til hele målgruppen af jobparate og sygemeldte. Forvaltningen vurderer på den baggrund, at det vil\n\nvære hensigtsmæssigt at videreføre og udbrede indsatsen.", "med_justeringer"],
  // The "men" case: not in its current form, but continued.
  ["2024-07", "Indsatsen lever op til målsætningerne. Forvaltningen vurderer, at perioden på fire år med pilotprojekter er en tilstrækkelig pilotperiode. Det er derfor ikke relevant at videreføre indsatsen i den nuværende form, men der er fortsat et eksisterende behov for branchespecifikke digitale kompetencer på arbejdsmarkedet. Forvaltningen vurderer på den baggrund, at det vil være hensigtsmæssigt at videreføre indsatsen.", "med_justeringer"],
  // No verdict, but what a continuation would look like: judged as continuing with adjustments.
  ["2023-12", "Indsatsen har leveret gode resultater. Der har været udfordringer med at rekruttere studerende. En fortsættelse af indsatsen kunne have en kortere projektperiode (hidtil fire år) og foregå ude på universiteterne.", "med_justeringer"],
  // "if it is extended, the organisation should be revisited": judged as continuing with adjustments.
  ["2023-01", "Selvom indsatsen ikke har nået målsætningerne, vurderer forvaltningen, at metoden bag indsatsen er god og har rigtig gode resultater for den udsatte målgruppe. Hvis bevillingen ønskes forlænget, vil det være relevant at genbesøge rammerne for organisering af indsatsen i forvaltningen med henblik på at sikre, at metoden forankres tværgående.", "med_justeringer"],
];

const STOPPED: Case[] = [
  ["2026-01", "Forvaltningens faglige vurdering er, at indsatsen ikke videreferes.", "ophører"],
  ["2026-13", "Forvaltningens faglige vurdering er, at indsatsen ikke bar viderefgres.", "ophører"],
  ["2026-05 part", ". Grgnne matcharrangementer bgr ikke viderefgres. Jobcentret vurderer, at\ninitiativets resultater ikke stdr mal med krav til indsats.", "ophører"],
  ["2023-03", "Det er samtidig usikkert hvilke konkrete resultater, indsatsen fremover vil kunne skabe. Forvaltningen vurderer på den baggrund, at det ikke er relevant at videreføre indsatsen.", "ophører"],
  // "kan ikke vurdere" first, then a concluding stop: the conclusion decides.
  ["2023-08", "Forvaltningen kan ikke vurdere projektet, da der endnu ikke er afholdt aktiviteter, men vurderer gennem samarbejdet at kunne indsamle erfaring. Forvaltningen vurderer på den baggrund, at det ikke er relevant at videreføre bevillingen.", "ophører"],
  // "not in its current form" with nothing that carries it on is a stop.
  ["constructed", "Forvaltningen vurderer, at indsatsen ikke bør videreføres i sin nuværende form.", "ophører"],
];

const CONDITIONAL: Case[] = [
  ["2026-03", "Forvaltningens faglige vurdering er, at indsatsen kun kan viderefgres, hvis der\nligeledes udarbejdes en ny rammeaftale for 2027 og frem. | fald der ikke gar det,\nvil der forventeligt ikke veere merudgifter.", "betinget"],
  // Unchanged in the verdict, but a later verdict sentence stops it if the target group is not found.
  ["2026-15", "Forvaltningens faglige vurdering er, at indsatsen kan viderefgres useendret.\n\nSafremt deti 2026 viser sig muligt at identificere malgruppen i samarbejde med\nUU. Det er samtidig forvaltningens vurdering, at indsatsen ikke skal viderefgres,\nhvis indsatsen ikke lykkedes med at opspore méalgruppen i 2026 for at tilbyde\nkonkret og hdndholdt vejledning. BIU vil blive forelagt vurderingen i en\nmandagsmail i juni 2026.", "betinget"],
];

const PENDING: Case[] = [
  ["2026-11", "Afventer afklaring", "afventer"],
  ["2023-10", "Der er endnu ikke afholdt aktiviteter, da midlerne blev afsat ved Overførselssagen 2022/23 og forvaltningen kan derfor ikke vurdere indsatsen endnu.", "afventer"],
  ["2023-09", "Der er endnu ikke afholdt aktiviteter, da midlerne blev afsat ved Overførselssagen 2022/23.\n\nGrundet hensigtserklæring i aftalen vil den videre finansiering af aktiviteterne automatisk indgå i forhandlingerne om budget 2024.", "afventer"],
  // Meets its goals, but the committee is yet to deal with the plan the grant belongs to.
  ["2023-24", "Indsatsen lever op til målsætningerne. Indsatsen indgår i den nuværende integrationshandleplan. BIU skal i løbet af 2023 behandle den fremtidige integrationshandleplan, som eventuelt kan ses i relation til regeringens udspil om 37-timers aktivering.", "afventer"],
  ["2023-28", "Der er med BIU-vedtagelse nedsat en ekspertgruppe i 2023, som skal komme med input til en handleplan for området for 2024-26. BIU kan, med afsæt i ekspertgruppens input, vælge at udmønte midler i Integrationshandleplanen til indsatser, der kan indgå i handleplanen.", "afventer"],
  // "hensigtsmæssigt at gå videre" stands in a question ("om …"), not a verdict.
  ["2024-09", "Når udvalget får forelagt en sag med erfaringerne i 2024, vil forvaltningen samtidig vurdere indsatsen. I den forbindelse vil det også blive vurderet, om forvaltningen mener, at det er hensigtsmæssigt at gå videre med indsatsen og eventuelt også i hvilken udformning, der skal arbejdes videre med den.", "afventer"],
];

const UNKNOWN: Case[] = [
  ["empty", "", "ukendt"],
  ["description only", "Jødisk Informationscenter arbejder med oplysning i skoler og foreninger.", "ukendt"],
  // The grant moved to SOC, which is to assess the need for continuing it itself: no decision is
  // stated here (the decision belongs to another committee, so it is not "afventer" either).
  ["2026-17", "BIU kan bestille et budgetnotat om forleengelse i SOF, men forvaltningen vurderer,\nat det vil veere mere hensigtsmaessigt, at SOC pga. ressortflyttet selv vurderer\nbehov for en evt. viderefgrelse.", "ukendt"],
  // A grant's end date is no decision to stop it.
  ["expiry", "Den nuværende bevilling til at deekke merudgifterne er ikke blevet tilsvarende\nforleenget, og bevillingen til merudgifterne udlgber medio 2026.", "ukendt"],
];

describe("classifyDecision on excerpts", () => {
  it.each([...UNCHANGED, ...ADJUSTED, ...STOPPED, ...CONDITIONAL, ...PENDING, ...UNKNOWN])("reads %s", (_label, text, decision) => {
    expect(classifyDecision(text)).toBe(decision);
  });

  /* Constructed: the same decisions in phrasings the annexes do not use, to keep the patterns general. */
  it.each([
    ["Indsatsen videreføres ikke.", "ophører"],
    ["Forvaltningen anbefaler, at indsatsen ophører.", "ophører"],
    ["Det vurderes ikke hensigtsmæssigt at forlænge bevillingen.", "ophører"],
    ["Forvaltningen anbefaler, at indsatsen forlænges.", "uændret"],
    ["Indsatsen kan fortsættes uændret.", "uændret"],
    ["Indsatsen kan videreføres i en mindre skala.", "med_justeringer"],
    ["Indsatsen bør videreføres, forudsat at der findes ekstern medfinansiering.", "betinget"],
    ["Forvaltningen afventer evaluering af indsatsen.", "afventer"],
    ["Indsatsen har ikke levet op til målsætningerne.", "ukendt"],
    ["Indsatsen lever op til målsætningerne. Samlet set vurderes det dog, at indsatsen ikke bør videreføres.", "ophører"],
  ] as const)("reads the constructed %s as %s", (text, decision) => {
    expect(classifyDecision(text)).toBe(decision);
  });

  it("reads the hand-repaired spelling of an OCR-damaged excerpt the same way", () => {
    const pairs: ReadonlyArray<readonly [string, string]> = [
      ["at indsatsen kan viderefgres useendret.", "at indsatsen kan videreføres uændret."],
      ["at indsatsen ikke bar viderefgres.", "at indsatsen ikke bør videreføres."],
      ["Grgnne matcharrangementer bgr ikke viderefgres.", "Grønne matcharrangementer bør ikke videreføres."],
      ["kan viderefgres med fglgende justeringer:", "kan videreføres med følgende justeringer:"],
      ["Peer-indsatsen gnskes udvidet med muligheder for kompetenceudvikling", "Peer-indsatsen ønskes udvidet med muligheder for kompetenceudvikling"],
      ["Forvaltningen vurderer pa den baggrund, at det vil veere hensigtsmaessigt at viderefgre indsatsen.", "Forvaltningen vurderer på den baggrund, at det vil være hensigtsmæssigt at videreføre indsatsen."],
    ];
    for (const [raw, repaired] of pairs) {
      expect(classifyDecision(raw), raw).not.toBe("ukendt");
      expect(classifyDecision(raw), raw).toBe(classifyDecision(repaired));
    }
  });

  it("keeps a sentence broken by a blank line whole, and splits at a blank line before a new sentence", () => {
    expect(decisionSentences("at det vil\n\nvære hensigtsmæssigt at videreføre.")).toEqual(["at det vil være hensigtsmæssigt at videreføre."]);
    expect(decisionSentences("Overførselssagen 2022/23\n\nGrundet hensigtserklæring")).toEqual(["Overførselssagen 2022/23", "Grundet hensigtserklæring"]);
    expect(decisionSentences("2,2 mio. kr. frem til 2024. Bl.a. fx")).toEqual(["2,2 mio. kr. frem til 2024.", "Bl.a. fx"]);
  });
});

describe("classifyDecision on the 2026 annex, before and after OCR repair", () => {
  beforeAll(async () => {
    await loadDanishLexicon();
  }, 30_000);

  const excerpts2026 = [...UNCHANGED, ...ADJUSTED, ...STOPPED, ...CONDITIONAL, ...PENDING].filter(([label]) => label.startsWith("2026"));
  it.each(excerpts2026)("reads %s the same after repairOcr", (_label, text, decision) => {
    expect(classifyDecision(repairOcr(text).text)).toBe(decision);
  });
});

describe("classifyDecision on the 2023 and 2024 annex cards", () => {
  const documentFor = (id: string, year: number, layout: string): CorpusDocument => ({
    id,
    kind: "annex",
    year,
    budgetYear: year + 1,
    title: `Budgetbevillinger, som udløber efter ${year}`,
    source: `${id}.txt`,
    contentHash: "0".repeat(64),
    layout,
  });
  const read = (file: string) => readFileSync(new URL(`../../corpus/${file}`, import.meta.url), "utf8");
  const cards: Card[] = [
    ...annexMarkdownParser.parse(read("bilag-2023-udloebende-bevillinger.txt"), documentFor("bilag-2023", 2023, "annex-markdown")).cards,
    ...annexPlainParser.parse(read("bilag-2024-udloebende-bevillinger.txt"), documentFor("bilag-2024", 2024, "annex-plain")).cards,
  ];

  /*
   * Read by hand from each card's "Forvaltningens vurdering". Cards 2023-05, 06, 19 and 23 have no
   * assessment. "uændret" for 2023-11, 13, 14, 20-22, 26, 27, 29 is the reading of an assessment that
   * only implies continuation (goals met, still relevant, good effects).
   */
  const expected: Record<string, Decision> = {
    "bilag-2023-01": "med_justeringer", // if extended, revisit the organisation
    "bilag-2023-02": "med_justeringer", // "med en mindre bevilling"
    "bilag-2023-03": "ophører", // "det ikke er relevant at videreføre indsatsen"
    "bilag-2023-04": "afventer", // "kan derfor ikke vurdere indsatsen endnu"
    "bilag-2023-07": "uændret",
    "bilag-2023-08": "ophører",
    "bilag-2023-09": "afventer", // "automatisk indgå i forhandlingerne om budget 2024"
    "bilag-2023-10": "afventer",
    "bilag-2023-11": "uændret",
    "bilag-2023-12": "med_justeringer", // "En fortsættelse … kunne have en kortere projektperiode"
    "bilag-2023-13": "uændret",
    "bilag-2023-14": "uændret",
    "bilag-2023-15": "afventer",
    "bilag-2023-16": "afventer",
    "bilag-2023-17": "afventer",
    "bilag-2023-18": "afventer",
    "bilag-2023-20": "uændret",
    "bilag-2023-21": "uændret",
    "bilag-2023-22": "uændret", // "hjælper til at forebygge antisemitisme"
    "bilag-2023-24": "afventer", // "BIU skal i løbet af 2023 behandle"
    "bilag-2023-25": "afventer",
    "bilag-2023-26": "uændret",
    "bilag-2023-27": "uændret",
    "bilag-2023-28": "afventer", // expert group's input; "BIU kan … vælge at udmønte midler"
    "bilag-2023-29": "uændret",
    "bilag-2024-01": "uændret",
    "bilag-2024-02": "med_justeringer",
    "bilag-2024-03": "uændret",
    "bilag-2024-04": "med_justeringer",
    "bilag-2024-05": "uændret",
    "bilag-2024-06": "med_justeringer",
    "bilag-2024-07": "med_justeringer",
    "bilag-2024-08": "uændret",
    "bilag-2024-09": "afventer",
  };

  it("reads the decision of every card with an assessment", () => {
    const actual = Object.fromEntries(
      cards.flatMap((card) => {
        const assessment = card.sections.find((section) => section.kind === "assessment");
        return assessment === undefined ? [] : [[card.id, classifyDecision(assessment.text)]];
      }),
    );
    expect(actual).toEqual(expected);
  });
});
