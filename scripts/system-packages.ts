/**
 * The Debian packages the tests need, and the pure decision of what the setup step does about
 * the missing ones (install with apt-get, or stop with the exact command). No I/O here: the probe
 * results come in as data, so the decision is tested without touching the system
 * (scripts/setup-system.ts does the probing and runs the plan).
 */

export type SystemPackage = {
  /** The Debian package name given to apt-get. */
  name: string;
  /** A file that exists once the package is installed; probing it is instant. */
  probe: string;
  /** Why the tests need it (printed when it is missing). */
  reason: string;
  /** An environment variable naming the program instead (then that file is probed). */
  pathVariable?: string;
};

/** The environment variable that skips installing: the setup step only reports what is missing. */
export const SKIP_VARIABLE = "BILAG_SKIP_SYSTEM_SETUP";

export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  {
    name: "chromium",
    probe: "/usr/bin/chromium",
    reason: "the web UI's browser tests (playwright-core drives Debian's chromium)",
    pathVariable: "CHROMIUM_PATH",
  },
  {
    name: "libreoffice-writer-nogui",
    probe: "/usr/bin/soffice",
    reason: "reading exported .docx files back (soffice --headless --convert-to pdf)",
  },
  {
    name: "wdanish",
    probe: "/usr/share/dict/danish",
    reason: "an independent Danish word list for the OCR repair checks",
  },
];

export type MachineFacts = {
  /** Package names whose probe file is absent. */
  missing: readonly string[];
  /** The process runs as root (uid 0). */
  isRoot: boolean;
  /** `sudo -n true` succeeds (passwordless sudo); only asked when not root. */
  hasPasswordlessSudo: boolean;
  /** apt-get is on PATH (a Debian-like system). */
  hasAptGet: boolean;
  /** BILAG_SKIP_SYSTEM_SETUP=1: install nothing, only report what is missing. */
  skipInstall?: boolean;
};

/** The file that shows a package is there: its pathVariable's value when set, else its probe. */
export function probeFile(
  item: SystemPackage,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const named = item.pathVariable === undefined ? undefined : env[item.pathVariable]?.trim();
  return named === undefined || named === "" ? item.probe : named;
}

/** Whether the environment asks to skip installing ("1", "true" or "yes"). */
export function skipsInstall(env: Readonly<Record<string, string | undefined>>): boolean {
  return /^(1|true|yes)$/iu.test(env[SKIP_VARIABLE]?.trim() ?? "");
}

/** A command as argv, run without a shell. */
export type Command = readonly string[];

export type SetupPlan =
  | { kind: "ready" }
  | { kind: "install"; packages: string[]; commands: Command[] }
  /** Installing was skipped (BILAG_SKIP_SYSTEM_SETUP): what is missing, and the command. */
  | { kind: "report"; packages: string[]; message: string }
  | { kind: "stop"; packages: string[]; message: string };

const APT_ENV = ["env", "DEBIAN_FRONTEND=noninteractive"] as const;

/** The one command a person runs to install the packages by hand. */
export function manualCommand(packages: readonly string[]): string {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(" ")}`;
}

/** What the setup step does on a machine with these facts. */
export function planSystemSetup(
  facts: MachineFacts,
  packages: readonly SystemPackage[] = SYSTEM_PACKAGES,
): SetupPlan {
  const known = new Set(packages.map((item) => item.name));
  const missing = packages.filter((item) => facts.missing.includes(item.name)).map((p) => p.name);
  const unknown = facts.missing.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`Unknown system package(s): ${unknown.join(", ")}`);
  if (missing.length === 0) return { kind: "ready" };
  const why = packages
    .filter((item) => missing.includes(item.name))
    .map((item) => `  ${item.name}: ${item.reason}`)
    .join("\n");
  if (facts.skipInstall === true)
    return {
      kind: "report",
      packages: missing,
      message: `${SKIP_VARIABLE} is set, so nothing is installed. The tests that need these system packages will fail or be skipped:\n${why}\nTo install them: ${manualCommand(missing)}`,
    };
  if (!facts.hasAptGet)
    return {
      kind: "stop",
      packages: missing,
      message: `The tests need these system packages, and this machine has no apt-get to install them:\n${why}\nInstall them with your system's package manager (on Debian or Ubuntu: ${manualCommand(missing)}), then run npm test again.`,
    };
  if (!facts.isRoot && !facts.hasPasswordlessSudo)
    return {
      kind: "stop",
      packages: missing,
      message: `The tests need these system packages, and installing them needs root:\n${why}\nRun: ${manualCommand(missing)}\nthen run npm test again.`,
    };
  const prefix: string[] = facts.isRoot ? [] : ["sudo", "-n"];
  return {
    kind: "install",
    packages: missing,
    commands: [
      [...prefix, ...APT_ENV, "apt-get", "update", "-qq"],
      [
        ...prefix,
        ...APT_ENV,
        "apt-get",
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        ...missing,
      ],
    ],
  };
}
