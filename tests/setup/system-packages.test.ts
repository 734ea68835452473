import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type MachineFacts,
  manualCommand,
  planSystemSetup,
  SYSTEM_PACKAGES,
} from "../../scripts/system-packages.ts";

const names = SYSTEM_PACKAGES.map((item) => item.name);
const root: Omit<MachineFacts, "missing"> = {
  isRoot: true,
  hasPasswordlessSudo: false,
  hasAptGet: true,
};

describe("the system setup plan", () => {
  it("lists chromium, LibreOffice's writer and wdanish, each with a probe file", () => {
    expect(names).toEqual(["chromium", "libreoffice-writer-nogui", "wdanish"]);
    for (const item of SYSTEM_PACKAGES) expect(item.probe).toMatch(/^\/usr\//);
  });

  it("does nothing when every package is present", () => {
    expect(planSystemSetup({ ...root, missing: [] })).toEqual({ kind: "ready" });
    expect(
      planSystemSetup({ missing: [], isRoot: false, hasPasswordlessSudo: false, hasAptGet: false }),
    ).toEqual({ kind: "ready" });
  });

  for (const name of names) {
    it(`installs only ${name} as root when only it is missing (update once, then install)`, () => {
      expect(planSystemSetup({ ...root, missing: [name] })).toEqual({
        kind: "install",
        packages: [name],
        commands: [
          ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update", "-qq"],
          ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", name],
        ],
      });
    });

    it(`installs ${name} with passwordless sudo when not root`, () => {
      const plan = planSystemSetup({
        missing: [name],
        isRoot: false,
        hasPasswordlessSudo: true,
        hasAptGet: true,
      });
      expect(plan.kind).toBe("install");
      if (plan.kind !== "install") return;
      for (const command of plan.commands) expect(command.slice(0, 2)).toEqual(["sudo", "-n"]);
      expect(plan.commands.at(-1)?.at(-1)).toBe(name);
    });

    it(`stops with the exact command when ${name} is missing and there is no root`, () => {
      const plan = planSystemSetup({
        missing: [name],
        isRoot: false,
        hasPasswordlessSudo: false,
        hasAptGet: true,
      });
      expect(plan).toMatchObject({ kind: "stop", packages: [name] });
      if (plan.kind !== "stop") return;
      expect(plan.message).toContain(`Run: sudo apt-get update && sudo apt-get install -y ${name}`);
    });
  }

  it("stops naming the packages when there is no apt-get", () => {
    const plan = planSystemSetup({ ...root, missing: ["wdanish", "chromium"], hasAptGet: false });
    expect(plan).toMatchObject({ kind: "stop", packages: ["chromium", "wdanish"] });
    if (plan.kind === "stop") expect(plan.message).toContain("no apt-get");
  });

  it("installs exactly the missing packages, in table order, with one apt-get update", () => {
    fc.assert(
      fc.property(
        fc.subarray(names),
        fc.boolean(),
        fc.boolean(),
        (missing, isRoot, hasPasswordlessSudo) => {
          const plan = planSystemSetup({ missing, isRoot, hasPasswordlessSudo, hasAptGet: true });
          if (missing.length === 0) return plan.kind === "ready";
          if (!isRoot && !hasPasswordlessSudo)
            return plan.kind === "stop" && plan.message.includes(manualCommand(missing));
          if (plan.kind !== "install") return false;
          const updates = plan.commands.filter((command) => command.includes("update"));
          const install = plan.commands.at(-1) ?? [];
          return (
            updates.length === 1 &&
            plan.packages.join() === missing.join() &&
            install.slice(-missing.length).join() === missing.join()
          );
        },
      ),
    );
  });

  it("refuses a package name it does not know", () => {
    expect(() => planSystemSetup({ ...root, missing: ["tesseract-ocr"] })).toThrow(
      /Unknown system package/,
    );
  });
});
