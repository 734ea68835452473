/** Reviewer-style queries with the card that must come back in the top 3 (hybrid, built-in embedder). */
export type SearchCase = {
  query: string;
  expected: string;
  year?: number;
  kind?: "annex" | "budget_note";
  note?: string;
};

export const SEARCH_CASES: readonly SearchCase[] = [
  { query: "forebyggelse af ekstremisme og radikalisering", expected: "bilag-2026-04" },
  {
    query: "prevention of extremism and radicalisation",
    expected: "bilag-2026-04",
    note: "English",
  },
  {
    query: "Projekt Trædesten kontanthjælpsmodtagere over 30 år",
    expected: "bilag-2026-02",
    note: "æ against OCR 'Treedesten'",
  },
  { query: "kvalitet og stabilitet i tolkeydelser", expected: "bilag-2026-03" },
  { query: "grønne job grønne kompetencer", year: 2026, expected: "bilag-2026-05" },
  {
    query: "familieindsats på Nørrebro og Bispebjerg",
    expected: "bilag-2026-06",
    note: "ø against OCR",
  },
  { query: "jobcamps i skoleferier for unge fra udsatte boligområder", expected: "bilag-2026-07" },
  { query: "ledige uddannes til velfærdsområderne", expected: "bilag-2026-08" },
  { query: "det sociale frikort på kommunens arbejdspladser", expected: "bilag-2026-12" },
  {
    query: "rehabiliteringsmøder",
    year: 2026,
    expected: "bilag-2026-13",
    note: "ø against OCR 'rehabiliteringsmeder'",
  },
  { query: "SSP indsats for kriminalitetstruede unge", expected: "bilag-2026-14" },
  { query: "tilskud til Sabaah", expected: "bilag-2026-16" },
  { query: "tværgående udsatteenhed med Region Hovedstaden", expected: "bilag-2026-17" },
  { query: "job og uddannelse til dømte og varetægtsfængslede", expected: "bilag-2026-18" },
  {
    query: "mentorstøtte til aktivitetsparate unge",
    expected: "bilag-2026-19",
    note: "ø against OCR",
  },
  { query: "fastholdelse af internationale arbejdere", expected: "bilag-2026-20" },
  { query: "intern indsats for sygedagpengemodtagere", expected: "bilag-2026-24" },
  { query: "indsats for ledighedsydelsesmodtagere", expected: "bilag-2026-26" },
  {
    query: "peer-to-peer beskæftigelsesindsats for borgere med handicap",
    expected: "bilag-2026-27",
  },
  {
    query: "veterans granted early retirement pension Jobbanken",
    expected: "bilag-2024-02",
    note: "English",
  },
  { query: "TechBBQ iværksætterprogram", year: 2023, expected: "bilag-2023-10" },
  { query: "Jødisk Informationscenter", expected: "bilag-2023-22" },
  { query: "fritidsjob til unge", year: 2023, expected: "bilag-2023-27" },
  { query: "aktivering af ledige med banderelationer", expected: "bilag-2024-01" },
  {
    query: "Copenhagen Career Program for international graduates",
    expected: "bilag-2023-11",
    note: "English",
  },
  {
    query: "Sammen om de unge – et fælles ansvar i Valby, Vesterbro og Kongens Enghave",
    expected: "bi26-2025",
  },
  {
    query: "lavere sagsstammer for udsatte unge i kontanthjælpssystemet",
    kind: "budget_note",
    expected: "bi07-2023",
  },
  {
    query: "Okonomi ressourcer Sabaah",
    expected: "bilag-2026-16",
    note: "folded æøå in the query",
  },
];
