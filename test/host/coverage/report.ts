/**
 * The coverage line: how many of the Excel API members src/excel uses (test/host/coverage/members.ts) the
 * test workbook answered through Microsoft's client during the last jest run.
 *
 * Each jest test file writes the members its `Server`s answered to one JSON file in the coverage directory
 * (test/setup/excelCoverage.ts); jest's globalSetup (test/setup/excelCoverageReset.ts) empties the directory
 * first, so the line reflects one run. `npm run test:excel-coverage` (scripts/excel-coverage.js) prints it.
 *
 * This module does not load the TypeScript compiler: the jest setup files import it in every test file.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../../..");

/** Files of the coverage directory are named "answered-<pid>-<random>.json"; only those are read or removed. */
const FILE_PATTERN = /^answered-[\w-]+\.json$/;

/** Where the answered members go: `KMEANS_EXCEL_COVERAGE_DIR`, or .excel-coverage/ at the repository root. */
export function coverageDir(): string {
  return path.resolve(ROOT, process.env.KMEANS_EXCEL_COVERAGE_DIR || ".excel-coverage");
}

/** Removes the answered files of earlier runs (and nothing else in the directory). */
export function resetCoverageDir(dir = coverageDir()): void {
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir))
    if (FILE_PATTERN.test(f)) fs.rmSync(path.join(dir, f), { force: true });
}

/** Writes one test file's answered members (nothing when there are none); returns the file written. */
export function writeAnswered(members: Iterable<string>, dir = coverageDir()): string | null {
  const sorted = [...new Set(members)].sort();
  if (sorted.length === 0) return null;
  fs.mkdirSync(dir, { recursive: true });
  const name = `answered-${process.pid}-${Math.random().toString(36).slice(2, 10)}.json`;
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(sorted) + "\n");
  return file;
}

/** The union of the answered files, and how many there were (0: jest has not run since the reset). */
export function readAnswered(dir = coverageDir()): { members: Set<string>; files: number } {
  const members = new Set<string>();
  if (!fs.existsSync(dir)) return { members, files: 0 };
  const files = fs.readdirSync(dir).filter((f) => FILE_PATTERN.test(f));
  for (const f of files) {
    const list = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as unknown;
    if (!Array.isArray(list)) throw new Error(`${path.join(dir, f)} is not a list of members`);
    for (const m of list) members.add(String(m));
  }
  return { members, files: files.length };
}

export type CoverageReport = {
  /** The Excel members src/excel uses. */
  used: number;
  /** How many of those the test workbook answered. */
  exercised: number;
  /** Members src/excel uses that nothing answered, sorted. */
  missing: string[];
  /** "Office.js members used in src/excel: N; exercised through Microsoft's client: M". */
  line: string;
};

/** Compares the members src/excel uses with those answered; answered members src/excel does not use don't count. */
export function coverageReport(used: readonly string[], answered: ReadonlySet<string>): CoverageReport {
  const distinct = [...new Set(used)].sort();
  const missing = distinct.filter((m) => !answered.has(m));
  const exercised = distinct.length - missing.length;
  return {
    used: distinct.length,
    exercised,
    missing,
    line: `Office.js members used in src/excel: ${distinct.length}; exercised through Microsoft's client: ${exercised}`,
  };
}

/**
 * The whole report for `npm run test:excel-coverage`: the lines to print and the exit code (1 when a member
 * went unanswered or jest has not written anything).
 */
export function runReport(
  used: readonly string[],
  client: readonly string[],
  dir = coverageDir(),
): { lines: string[]; exitCode: number } {
  const { members, files } = readAnswered(dir);
  if (files === 0) {
    return {
      lines: [`No answered Excel members in ${dir}: run jest (npm run test:unit) first.`],
      exitCode: 1,
    };
  }
  const report = coverageReport(used, members);
  const lines = [
    `Client-side members also used (office-js answers them itself, not counted): ${client.length}`,
    report.line,
  ];
  if (report.missing.length > 0) {
    lines.push(`Used in src/excel but never answered by the test workbook (${report.missing.length}):`);
    lines.push(...report.missing.map((m) => `  ${m}`));
  }
  return { lines, exitCode: report.missing.length > 0 ? 1 : 0 };
}
