/** File- and id-safe ASCII from Danish text: "Økonomi/ressourcer" → "oekonomi-ressourcer". */
export function slugify(text: string, maxLength = 60): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, maxLength);
}
