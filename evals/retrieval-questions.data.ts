/**
 * Reviewer questions for the retrieval and answer eval: Danish and English, exact and loose
 * wording, correct æøå against the OCR-damaged 2026 annex, year-specific, and questions the corpus
 * cannot answer (`expected: []`). `expected` lists every card that answers the question correctly
 * (the first is the one an answer should lead with).
 */
export type RetrievalQuestion = {
  question: string;
  /** Cards that answer it; empty when the material does not. */
  expected: readonly string[];
  /** Year passed by the caller (otherwise read from the question). */
  year?: number;
  note?: string;
};

export const RETRIEVAL_QUESTIONS: readonly RetrievalQuestion[] = [
  // Danish, exact titles and decisions
  {
    question: "Hvad besluttede vi om forebyggelse af ekstremisme og radikalisering?",
    expected: ["bilag-2026-04"],
    note: "da exact",
  },
  {
    question: "Blev Projekt Trædesten videreført?",
    expected: ["bilag-2026-02"],
    note: "æ against OCR 'Treedesten'",
  },
  {
    question: "Hvad besluttede vi om tolkeydelser i 2026?",
    expected: ["bilag-2026-03"],
    note: "year",
  },
  {
    question: "Hvorfor blev rehabiliteringsmøderne stoppet?",
    expected: ["bilag-2026-13"],
    note: "ø against OCR 'rehabiliteringsmeder'",
  },
  { question: "Hvad fik Sabaah i tilskud?", expected: ["bilag-2026-16"], note: "money" },
  {
    question: "Hvor mange penge fik SSP+ indsatsen for kriminalitetstruede unge?",
    expected: ["bilag-2026-14"],
    note: "money",
  },
  {
    question: "Hvad blev besluttet om familieindsatsen på Nørrebro og Bispebjerg?",
    expected: ["bilag-2026-06"],
    note: "ø, OCR 'familicindsats'",
  },
  {
    question: "Jobcamps i skoleferierne for unge fra udsatte boligområder",
    expected: ["bilag-2026-07"],
    note: "loose",
  },
  {
    question: "Hvad skete der med det sociale frikort?",
    expected: ["bilag-2026-12"],
    note: "loose",
  },
  {
    question: "Hvorfor blev den samlede erhvervsindsats i København ikke videreført?",
    expected: ["bilag-2026-01"],
    note: "reason, ø against OCR 'Kgbenhavns'",
  },
  {
    question: "mentorstøtte til aktivitetsparate unge",
    expected: ["bilag-2026-19"],
    note: "ø against OCR",
  },
  {
    question: "Hvad besluttede vi om job og uddannelse til dømte og varetægtsfængslede?",
    expected: ["bilag-2026-18"],
  },
  { question: "Tværgående udsatteenhed med Region Hovedstaden", expected: ["bilag-2026-17"] },
  {
    question: "Indsats for ledighedsydelsesmodtagere – hvad er forslaget?",
    expected: ["bilag-2026-26"],
  },
  { question: "intern indsats for sygedagpengemodtagere", expected: ["bilag-2026-24"] },
  { question: "Ledige der uddannes til velfærdsområderne", expected: ["bilag-2026-08"] },
  {
    question: "Hvad besluttede vi om Jødisk Informationscenter i 2023?",
    expected: ["bilag-2023-22"],
    note: "year",
  },
  {
    question: "Hvad besluttede vi om TechBBQ i 2023?",
    expected: ["bilag-2023-10"],
    note: "year picks one of two",
  },
  {
    question: "Blev Støtte til TechBBQ videreført i 2024-bilaget?",
    expected: ["bilag-2024-06"],
    note: "year as '2024-bilaget'",
  },
  {
    question: "Hvorfor blev samarbejdet med byggebranchen i Tingbjerg ikke videreført?",
    expected: ["bilag-2023-03"],
    note: "reason",
  },
  { question: "Hvad skete der med den grønne karriere- og jobmesse?", expected: ["bilag-2023-08"] },
  { question: "Fritidsjob til unge i 2023", expected: ["bilag-2023-27"], note: "year" },
  { question: "Lærlingeindsats for minoriteter", expected: ["bilag-2023-13"] },
  {
    question: "Hvad besluttede vi om aktivering af ledige med banderelationer?",
    expected: ["bilag-2024-01"],
  },
  {
    question: "Hvor meget fik Fokuseret indsats for udsatte kontanthjælpsmodtagere i 2024?",
    expected: ["bilag-2024-05"],
    note: "year, money",
  },
  {
    question: "Bedre virksomhedspraktikker",
    expected: ["bilag-2024-09", "bilag-2023-16"],
    note: "same title in 2023 and 2024",
  },
  {
    question: "Grønne job - grønne kompetencer",
    expected: ["bilag-2026-05", "bilag-2023-09"],
    note: "same grant in 2023 and 2026",
  },
  { question: "digital arbejdskraft til SMV'er", expected: ["bilag-2024-07"] },
  {
    question: "lavere sagsstammer for udsatte unge i kontanthjælpssystemet",
    expected: ["bi07-2023"],
    note: "budget note",
  },
  {
    question: "Sammen om de unge i Valby, Vesterbro og Kongens Enghave",
    expected: ["bi26-2025"],
    note: "budget note",
  },
  {
    question: "Hvad besluttede vi om okonomi til Sabaah?",
    expected: ["bilag-2026-16"],
    note: "folded æøå in the question",
  },
  {
    question: "Hvad besluttede vi sidste år om forebyggelse af ekstremisme?",
    expected: ["bilag-2026-04"],
    note: "'sidste år' relative to now (2027)",
  },
  // English
  {
    question: "What did we decide about preventing extremism and radicalisation?",
    expected: ["bilag-2026-04"],
    note: "en",
  },
  {
    question: "Why was the rehabilitation team meetings grant stopped?",
    expected: ["bilag-2026-13"],
    note: "en, reason",
  },
  { question: "How much did TechBBQ get in 2024?", expected: ["bilag-2024-06"], note: "en, year" },
  {
    question: "What was decided about veterans granted early retirement pension and Jobbanken?",
    expected: ["bilag-2024-02"],
    note: "en",
  },
  {
    question: "Copenhagen Career Program for international graduates",
    expected: ["bilag-2023-11"],
    note: "en",
  },
  {
    question: "Was the mentor support for young people continued?",
    expected: ["bilag-2026-19", "bilag-2026-25"],
    note: "en loose",
  },
  {
    question: "What did we decide about interpreting services in 2026?",
    expected: ["bilag-2026-03"],
    note: "en, year",
  },
  {
    question: "green jobs and green skills",
    expected: ["bilag-2026-05", "bilag-2023-09"],
    note: "en",
  },
  {
    question: "What did we decide about the Jewish Information Centre?",
    expected: ["bilag-2023-22"],
    note: "en, proper noun",
  },
  // Not in the material
  { question: "Hvad besluttede vi om cykelstier i 2023?", expected: [], note: "not in corpus" },
  { question: "What did we decide about the metro?", expected: [], note: "not in corpus" },
  { question: "Hvor mange penge fik svømmehallerne i 2024?", expected: [], note: "not in corpus" },
  { question: "Hvad besluttede vi om ældreplejen på Amager?", expected: [], note: "not in corpus" },
  { question: "Why was the harbour bath closed?", expected: [], note: "not in corpus" },
  {
    question: "Hvad blev besluttet om skolemad i folkeskolen?",
    expected: [],
    note: "not in corpus",
  },
  {
    question: "How much did the city spend on snow clearing?",
    expected: [],
    note: "not in corpus",
  },
  {
    question: "Blev biblioteksindsatsen for læsning videreført?",
    expected: [],
    note: "not in corpus",
  },
];
