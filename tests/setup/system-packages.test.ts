import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type MachineFacts,
  manualCommand,
  planSystemSetup,
  probeFile,
  SYSTEM_PACKAGES,
  skipsInstall,
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
          [
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            name,
          ],
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
      expect(plan.message).toContain(
        `Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${name}`,
      );
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

  it("with BILAG_SKIP_SYSTEM_SETUP installs nothing, even as root, and reports what is missing", () => {
    expect(skipsInstall({ BILAG_SKIP_SYSTEM_SETUP: "1" })).toBe(true);
    expect(skipsInstall({ BILAG_SKIP_SYSTEM_SETUP: "true" })).toBe(true);
    expect(skipsInstall({ BILAG_SKIP_SYSTEM_SETUP: "0" })).toBe(false);
    expect(skipsInstall({})).toBe(false);
    const plan = planSystemSetup({ ...root, missing: ["wdanish"], skipInstall: true });
    expect(plan).toMatchObject({ kind: "report", packages: ["wdanish"] });
    if (plan.kind === "report")
      expect(plan.message).toContain("apt-get install -y --no-install-recommends wdanish");
    expect(planSystemSetup({ ...root, missing: [], skipInstall: true })).toEqual({
      kind: "ready",
    });
  });

  it("probes CHROMIUM_PATH instead of /usr/bin/chromium when it is set", () => {
    const chromium = SYSTEM_PACKAGES.find((item) => item.name === "chromium");
    const wdanish = SYSTEM_PACKAGES.find((item) => item.name === "wdanish");
    if (chromium === undefined || wdanish === undefined) throw new Error("table changed");
    expect(probeFile(chromium, {})).toBe("/usr/bin/chromium");
    expect(probeFile(chromium, { CHROMIUM_PATH: "/opt/chrome/chrome" })).toBe("/opt/chrome/chrome");
    expect(probeFile(chromium, { CHROMIUM_PATH: " " })).toBe("/usr/bin/chromium");
    expect(probeFile(wdanish, { CHROMIUM_PATH: "/opt/chrome/chrome" })).toBe(
      "/usr/share/dict/danish",
    );
  });

  it("every install asks apt-get not to pull recommended packages", () => {
    const plan = planSystemSetup({ ...root, missing: names });
    if (plan.kind !== "install") throw new Error(plan.kind);
    expect(plan.commands.at(-1)).toContain("--no-install-recommends");
  });
});
