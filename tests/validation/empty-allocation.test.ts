import { describe, expect, it } from "vitest";
import { validateText } from "../../src/validation/validate-text.ts";

describe("validateText against an allocation without lines", () => {
  it("reports every money figure as unmatched instead of throwing", () => {
    const text =
      "Der foreslås 0,6 mio. kr. årligt på service i 2027-2030, heraf 0,2 mio. kr. til BIF.";
    const result = validateText(text, { initiative: "Uden data", lines: [] }, { budgetYear: 2027 });
    const unmatched = result.issues.filter((issue) => issue.code === "unmatched_figure");
    expect(unmatched.length).toBeGreaterThanOrEqual(1);
    expect(unmatched[0]?.message).toContain("ingen bevillingslinjer");
    expect(result.ok).toBe(false);
  });
});
