import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { membersUsed, type MembersUsed } from "./coverage/members";
import { coverageReport, readAnswered, resetCoverageDir, runReport, writeAnswered } from "./coverage/report";

describe("the Excel members a directory uses", () => {
  let fixture: MembersUsed;
  // One program over the fixture: the @types/office-js declarations take a few seconds to check.
  beforeAll(() => {
    fixture = membersUsed("test/host/coverage/fixture");
  }, 120_000);

  test("are the properties and methods Excel runs, named by type, with no enum members or bare types", () => {
    expect(fixture.excel).toEqual([
      "Range.address",
      "Range.format",
      "Range.rowCount",
      "Range.valueTypes",
      "Range.values",
      "RangeAreas.address",
      "RangeFont.bold",
      "RangeFormat.font",
      "TableCollection.getItemOrNullObject",
      "Workbook.worksheets",
      "Worksheet.getRange",
      "Worksheet.tables",
      "WorksheetCollection.getActiveWorksheet",
    ]);
  });

  test("keep the client's own members apart", () => {
    expect(fixture.client).toEqual([
      "ClientObject.isNullObject",
      "ClientRequestContext.sync",
      "Range.load",
      "RequestContext.workbook",
    ]);
  });
});

describe("the coverage line", () => {
  test("counts the used members that were answered, and lists the others", () => {
    const report = coverageReport(
      ["Range.values", "Worksheet.getRange", "Range.values", "Chart.delete"],
      new Set(["Range.values", "Worksheet.getRange", "Range.clear"]),
    );
    expect(report.line).toBe(
      "Office.js members used in src/excel: 3; exercised through Microsoft's client: 2",
    );
    expect(report.missing).toEqual(["Chart.delete"]);
  });

  test("comes from the union of the files jest wrote, after a reset removed earlier runs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "excel-coverage-"));
    try {
      fs.writeFileSync(path.join(dir, "keep.txt"), "not ours");
      writeAnswered(["Chart.delete"], dir);
      resetCoverageDir(dir);
      expect(runReport(["Range.values"], [], dir).exitCode).toBe(1);
      expect(writeAnswered([], dir)).toBeNull();
      writeAnswered(["Range.values"], dir);
      writeAnswered(["Worksheet.getRange", "Range.values"], dir);
      expect(readAnswered(dir)).toEqual({
        members: new Set(["Range.values", "Worksheet.getRange"]),
        files: 2,
      });
      const all = runReport(["Range.values", "Worksheet.getRange"], ["Range.load"], dir);
      expect(all.exitCode).toBe(0);
      expect(all.lines.at(-1)).toBe(
        "Office.js members used in src/excel: 2; exercised through Microsoft's client: 2",
      );
      const short = runReport(["Range.values", "Chart.delete"], [], dir);
      expect(short.exitCode).toBe(1);
      expect(short.lines.at(-1)).toBe("  Chart.delete");
      expect(fs.readdirSync(dir)).toContain("keep.txt");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
