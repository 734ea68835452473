import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTesseractOcr, toPnm } from "../../src/runtime/node/tesseract.ts";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "bilag-tesseract-"));
});
afterAll(async () => rm(folder, { recursive: true, force: true }));

/** A stand-in `tesseract` executable: lists languages, and "reads" a page by echoing its PNM header. */
async function fakeTesseract(languages: string[]): Promise<string> {
  const file = path.join(folder, `tesseract-${languages.join("-") || "none"}`);
  await writeFile(
    file,
    `#!/bin/sh
case "$1" in
  --list-langs) echo "List of available languages in \\"/usr/share/tesseract-ocr/5/tessdata/\\" (${languages.length}):"; ${languages.map((language) => `echo ${language};`).join(" ")} ;;
  --version) echo "tesseract 5.3.0" ;;
  *) printf 'Side læst af %s med %s %s: ' "$2" "$4" "$6"; head -c 2 "$1"; echo ;;
esac
`,
  );
  await chmod(file, 0o755);
  return file;
}

describe("the tesseract OCR port", () => {
  it("reports tesseract as not installed when it is not on PATH", async () => {
    const ocr = createTesseractOcr({ command: path.join(folder, "no-such-tesseract") });
    expect(await ocr.unavailable()).toMatch(/is not installed \(not found on PATH\)$/);
  });

  it("reports missing Danish language data", async () => {
    const ocr = createTesseractOcr({ command: await fakeTesseract(["eng", "osd"]) });
    expect(await ocr.unavailable()).toMatch(
      /has no language data for dan; install tesseract-ocr-dan$/,
    );
  });

  it("runs tesseract with the Danish model on a PNM of the page", async () => {
    const ocr = createTesseractOcr({ command: await fakeTesseract(["dan", "eng"]) });
    expect(await ocr.unavailable()).toBeUndefined();
    expect(ocr.name).toBe("tesseract 5.3.0 (dan)");
    const grey = await ocr.recognise({
      page: 1,
      width: 2,
      height: 1,
      channels: 1,
      data: new Uint8Array([0, 255]),
    });
    expect(grey.trim()).toBe("Side læst af stdout med dan 3: P5");
    const rgba = await ocr.recognise({
      page: 2,
      width: 1,
      height: 1,
      channels: 4,
      data: new Uint8Array([1, 2, 3, 4]),
    });
    expect(rgba.trim()).toMatch(/: P6$/);
  });

  it("writes grey and colour pages as PNM, dropping alpha", () => {
    expect(
      Array.from(
        toPnm({
          page: 1,
          width: 1,
          height: 1,
          channels: 4,
          data: new Uint8Array([1, 2, 3, 4]),
        }).slice(-3),
      ),
    ).toEqual([1, 2, 3]);
    expect(
      new TextDecoder().decode(
        toPnm({ page: 1, width: 3, height: 2, channels: 1, data: new Uint8Array(6) }).subarray(
          0,
          11,
        ),
      ),
    ).toBe("P5\n3 2\n255\n");
  });
});
