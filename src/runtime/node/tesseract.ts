/**
 * The OCR port over Debian's `tesseract` (apt-get install tesseract-ocr tesseract-ocr-dan): a page
 * image is written as a PNM file (grey or RGB, the format tesseract's Leptonica reads without extra
 * libraries) and read with the Danish model. Used only when `tesseract --list-langs` lists "dan".
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { OcrPort, PageImage } from "../../import/ocr.ts";

export type TesseractOptions = {
  /** The executable; "tesseract" on PATH by default. */
  command?: string;
  /** Tesseract language(s); "dan" by default. */
  language?: string;
  /** Page segmentation mode; 3 (automatic, finds columns) by default. */
  psm?: number;
  timeoutMs?: number;
};

type RunResult = { code: number | null; stdout: string; stderr: string };

function run(command: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

/** A page image as a binary PNM: P5 (grey) or P6 (RGB; an alpha channel is dropped). */
export function toPnm(image: PageImage): Uint8Array {
  const grey = image.channels === 1;
  const header = new TextEncoder().encode(
    `${grey ? "P5" : "P6"}\n${image.width} ${image.height}\n255\n`,
  );
  const pixels = image.width * image.height;
  const body = new Uint8Array(pixels * (grey ? 1 : 3));
  if (grey || image.channels === 3) body.set(image.data.subarray(0, body.length));
  else
    for (let index = 0; index < pixels; index += 1)
      body.set(image.data.subarray(index * 4, index * 4 + 3), index * 3);
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}

/** The tesseract OCR port. `unavailable()` says why it cannot run (not on PATH, no Danish data). */
export function createTesseractOcr(options: TesseractOptions = {}): OcrPort {
  const command = options.command ?? "tesseract";
  const language = options.language ?? "dan";
  const timeoutMs = options.timeoutMs ?? 120_000;
  let checked: Promise<string | undefined> | undefined;
  let version = "tesseract";
  const port: OcrPort = {
    get name() {
      return `${version} (${language})`;
    },
    unavailable() {
      checked ??= (async () => {
        let result: RunResult;
        try {
          result = await run(command, ["--list-langs"], 10_000);
        } catch (error) {
          return (error as NodeJS.ErrnoException).code === "ENOENT"
            ? `${command} is not installed (not found on PATH)`
            : `${command} cannot be started: ${(error as Error).message}`;
        }
        const languages = `${result.stdout}\n${result.stderr}`
          .split(/\r?\n/u)
          .map((line) => line.trim());
        const missing = language.split("+").filter((wanted) => !languages.includes(wanted));
        if (missing.length > 0)
          return `${command} has no language data for ${missing.join(", ")}; install tesseract-ocr-${missing[0] ?? "dan"}`;
        try {
          const about = await run(command, ["--version"], 10_000);
          version = /tesseract\s+v?[\d.]+/iu.exec(`${about.stdout}${about.stderr}`)?.[0] ?? version;
        } catch {
          // The version is only for messages.
        }
        return undefined;
      })();
      return checked;
    },
    async recognise(image) {
      const folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-ocr-"));
      try {
        const file = path.join(
          folder,
          `page-${image.page}.${image.channels === 1 ? "pgm" : "ppm"}`,
        );
        await writeFile(file, toPnm(image));
        const result = await run(
          command,
          [file, "stdout", "-l", language, "--psm", String(options.psm ?? 3)],
          timeoutMs,
        );
        if (result.code !== 0)
          throw new Error(
            result.stderr.trim().split("\n").at(-1) ?? `exit code ${String(result.code)}`,
          );
        return result.stdout;
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
  return port;
}
