/**
 * The first step of `npm test` (the `pretest` script): makes sure the Debian packages the tests
 * need are installed (scripts/system-packages.ts lists them). Probes one file per package; when
 * some are missing it installs them with apt-get (as root, or with passwordless sudo), otherwise
 * it stops with one message naming the packages and the exact command. Quick when all are there.
 * CHROMIUM_PATH, when set, is probed instead of /usr/bin/chromium; BILAG_SKIP_SYSTEM_SETUP=1
 * installs nothing and only reports what is missing (installs use --no-install-recommends).
 *
 *   node --import tsx scripts/setup-system.ts
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import {
  type MachineFacts,
  planSystemSetup,
  SYSTEM_PACKAGES,
  manualCommand,
  probeFile,
  skipsInstall,
} from "./system-packages.ts";

function onPath(command: string): boolean {
  const folders = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  return folders.some((folder) => existsSync(path.join(folder, command)));
}

function probeMachine(): MachineFacts {
  const missing = SYSTEM_PACKAGES.filter((item) => !existsSync(probeFile(item, process.env))).map(
    (p) => p.name,
  );
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  // sudo and apt-get are only asked about when something is missing.
  const askSudo = missing.length > 0 && !isRoot && onPath("sudo");
  return {
    missing,
    isRoot,
    hasPasswordlessSudo: askSudo && spawnSync("sudo", ["-n", "true"]).status === 0,
    hasAptGet: missing.length > 0 && onPath("apt-get"),
    skipInstall: skipsInstall(process.env),
  };
}

const plan = planSystemSetup(probeMachine());
if (plan.kind === "report") console.warn(plan.message);
if (plan.kind === "stop") {
  console.error(plan.message);
  process.exit(1);
}
if (plan.kind === "install") {
  console.log(`Installing system packages for the tests: ${plan.packages.join(" ")}`);
  for (const [command, ...args] of plan.commands) {
    if (command === undefined) continue;
    const result = spawnSync(command, args, { stdio: "inherit" });
    if (result.status !== 0) {
      console.error(
        `"${[command, ...args].join(" ")}" failed (exit ${result.status ?? result.signal}). Install the packages by hand: ${manualCommand(plan.packages)}`,
      );
      process.exit(1);
    }
  }
  const stillMissing = SYSTEM_PACKAGES.filter((item) => !existsSync(probeFile(item, process.env)));
  if (stillMissing.length > 0) {
    console.error(
      `apt-get finished but ${stillMissing.map((item) => `${item.name} (${item.probe})`).join(", ")} is still missing. Install by hand: ${manualCommand(stillMissing.map((item) => item.name))}`,
    );
    process.exit(1);
  }
}
