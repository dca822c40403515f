/**
 * "What defines each cluster" written through Microsoft's Excel client (@microsoft/office-js) to the test
 * workbook (test/host): the ANOVA and z-score tables, the descriptions, and the z-scores' colour scale as
 * the conditional format Excel received.
 */
import { fitKMeans } from "../../src/analysis/kmeans";
import { buildResultsLayout } from "../../src/excel/resultsLayout";
import {
  clusterSeriesName,
  COLOR_HIGH,
  COLOR_LOW,
  COLOR_MID,
  DESCRIPTION_HEADER,
  MEANING_HEADING,
  P_VALUE_FORMAT,
  Z_SCORE_FORMAT,
} from "../../src/excel/meaningLayout";
import type { WriteRequest } from "../../src/excel/types";
import { writeResults } from "../../src/excel/write";
import { describeClusters } from "../../src/model";
import { loadSample } from "../host/samples";
import { fakeExcel, rejection } from "../host/testHost";
import { recordFor, sampleTable, SETTINGS } from "./fixtures";
import iris from "../fixtures/iris.json";
import { runSettled } from "./testWorkbook";

const RESULTS = "K-Means Results";

function irisRun() {
  const f = fakeExcel({ sheets: ["Iris"] });
  loadSample(f.workbook, "iris");
  const { prepared } = sampleTable([...iris.columns], iris.X, "Iris");
  const settings = { ...SETTINGS, k: 3 };
  const fit = fitKMeans(prepared.X, settings, () => {});
  const request: WriteRequest = { prepared, fit, record: recordFor(prepared, settings), overwrite: false };
  const layout = buildResultsLayout({ ...request, labelAddress: "Iris!E1:E151" });
  // Every request body Microsoft's client sends, as text: what Excel receives.
  const bodies: string[] = [];
  const server = f.host.excel;
  const processQuery = server.processQuery.bind(server);
  server.processQuery = (body: string) => {
    bodies.push(body);
    return processQuery(body);
  };
  return { ...f, prepared, fit, request, layout, bodies };
}

type WireAction = {
  ActionType: number;
  Name?: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[] };
};
type WirePath = { ObjectPathType: number; Name?: string; ArgumentInfo?: { Arguments?: unknown[] } };

describe("iris written through Microsoft's client", () => {
  test("the tables hold the report's numbers, in Excel's cells, with their formats", async () => {
    const f = irisRun();
    const report = await runSettled(f, (ctx) => writeResults(ctx, f.request, { chartApi: true }));
    expect(report.resultsSheet).toBe(RESULTS);
    const sheet = f.workbook.sheet(RESULTS);
    const { anovaTable, zScoreTable } = f.layout.meaning;
    const a = anovaTable!;
    const z = zScoreTable!;
    const cell = (row: number, column: number) => sheet.get(row, column);
    expect(f.workbook.valuesOf(sheet, { row: a.row - 3, column: 0, rowCount: 1, columnCount: 1 })).toEqual([
      [MEANING_HEADING],
    ]);
    const anova = f.fit.meaning.anova!;
    const columns = iris.columns;
    for (let r = 1; r < a.rowCount; r++) {
      const name = cell(a.row + r, 0)!.v as string;
      const j = columns.indexOf(name);
      expect([cell(a.row + r, 1)?.v, cell(a.row + r, 2)?.v, cell(a.row + r, 3)?.v]).toEqual([
        anova.f[j],
        anova.p[j],
        anova.etaSquared[j],
      ]);
      // A number Excel shows in scientific notation, not text.
      expect(cell(a.row + r, 2)).toMatchObject({ t: "Double", fmt: P_VALUE_FORMAT });
    }
    const order = Array.from({ length: 4 }, (_, r) => columns.indexOf(cell(a.row + 1 + r, 0)!.v as string));
    for (let c = 0; c < 3; c++)
      for (let i = 0; i < 4; i++) {
        expect(cell(z.row + 1 + c, 1 + i)).toMatchObject({
          v: f.fit.meaning.zScores.data[c * 4 + order[i]],
          t: "Double",
          fmt: Z_SCORE_FORMAT,
        });
      }
    // The descriptions beside the centroid table, as text; its header bold, as the tables' headers.
    const d = f.layout.descriptions!;
    const lines = describeClusters(f.fit.meaning.zScores, columns);
    expect(f.workbook.valuesOf(sheet, d)).toEqual([[DESCRIPTION_HEADER], ...lines.map((l) => [l])]);
    expect(cell(d.row + 1, d.column)).toMatchObject({ t: "String", fmt: "@" });
    for (const r of [d, a, z]) expect(sheet.bold.has(`${r.row},${r.column}`)).toBe(true);
    // The Excel table is still the centroids' alone.
    expect(f.workbook.tables.map((t) => t.headers.length)).toEqual([4 + 4]);
    // The scatter's series names, as Excel holds them: iris's first two descriptions run past 60 characters.
    const scatter = f.workbook.charts.find((c) => c.name === "Cluster scatter")!;
    expect(scatter.series.slice(0, 3).map((s) => s.name)).toEqual(
      lines.map((l, c) => clusterSeriesName(c + 1, l)),
    );
    expect(scatter.series[2].name).toBe(`Cluster 3: ${lines[2]}`);
    expect(f.workbook.unsupported).toEqual([]);
  });

  test("Excel holds one 3-colour scale over the z-scores: its range, criteria and colours", async () => {
    const f = irisRun();
    await runSettled(f, (ctx) => writeResults(ctx, f.request, { chartApi: true }));
    const sheet = f.workbook.sheet(RESULTS);
    const z = f.layout.meaning.zScoreTable!;
    expect(sheet.conditionalFormats).toHaveLength(1);
    const [format] = sheet.conditionalFormats;
    expect(format).toMatchObject({
      type: "ColorScale",
      rect: { row: z.row + 1, column: 1, rowCount: 3, columnCount: 4 },
      priority: 0,
    });
    const criteria = format.colorScale!.criteria as Record<
      string,
      { type: string; formula: string; color: string }
    >;
    expect(criteria.midpoint).toEqual({ type: "Number", formula: "0", color: COLOR_MID });
    expect(criteria.minimum).toMatchObject({ type: "Number", color: COLOR_LOW });
    expect(criteria.maximum).toMatchObject({ type: "Number", color: COLOR_HIGH });
    expect(Number(criteria.minimum.formula)).toBe(-Number(criteria.maximum.formula));
    expect(criteria).toEqual(f.layout.colorScales[0].criteria);
    // Read back through Microsoft's client: the range, and a three-point scale.
    const back = await runSettled(f, async (ctx) => {
      const formats = ctx.workbook.worksheets
        .getItem(RESULTS)
        .getRangeByIndexes(z.row + 1, 1, 3, 4).conditionalFormats;
      formats.load("items/type");
      await ctx.sync();
      const first = formats.items[0];
      const range = first.getRange().load("address");
      const scale = first.colorScale.load("threeColorScale, criteria");
      await ctx.sync();
      const address = range.address;
      return {
        count: formats.items.length,
        type: first.type,
        address,
        three: scale.threeColorScale,
        criteria: scale.criteria,
      };
    });
    expect(back).toEqual({
      count: 1,
      type: "ColorScale",
      address: `'${RESULTS}'!B${z.row + 2}:E${z.row + 4}`,
      three: true,
      criteria: f.layout.colorScales[0].criteria,
    });
  });

  test('on the wire: conditionalFormats.clearAll(), add("ColorScale"), colorScale.criteria = {…}, in the results sheet\'s one request', async () => {
    const f = irisRun();
    await runSettled(f, (ctx) => writeResults(ctx, f.request, { chartApi: true }));
    const requests = f.host.excel.stats.requests;
    const withScale = requests.filter((r) => r.statements.includes("ColorScaleConditionalFormat.criteria ="));
    expect(withScale).toHaveLength(1);
    // The cells, the table and every chart ride in the same request: no round trip of its own.
    expect(withScale[0].statements).toEqual(
      expect.arrayContaining(["Range.values =", "TableCollection.add", "ChartCollection.add"]),
    );
    const body = JSON.parse(f.bodies.find((b) => b.includes('"Criteria"'))!) as {
      Actions: WireAction[];
      ObjectPaths: Record<string, WirePath>;
    };
    const set = body.Actions.find((x) => x.ActionType === 4 && x.Name === "Criteria")!;
    expect(set.ArgumentInfo?.Arguments).toEqual([f.layout.colorScales[0].criteria]);
    const colorScale = body.ObjectPaths[String(set.ObjectPathId)];
    expect(colorScale).toMatchObject({ ObjectPathType: 4, Name: "ColorScale" });
    const add = Object.values(body.ObjectPaths).find(
      (p) => p.ObjectPathType === 3 && p.Name === "Add" && p.ArgumentInfo?.Arguments?.[0] === "ColorScale",
    );
    expect(add).toBeDefined();
    expect(
      Object.values(body.ObjectPaths).some((p) => p.ObjectPathType === 4 && p.Name === "ConditionalFormats"),
    ).toBe(true);
    expect(body.Actions.some((x) => x.ActionType === 3 && x.Name === "ClearAll")).toBe(true);
  });

  test("a recovery that sets the formats again leaves one colour scale, not two", async () => {
    const f = irisRun();
    // Refused markers fail the one request after the cells, table and formats: the formats are queued
    // again, one by one after it, and the charts drawn one by one (see write.ts, recoverResultsSheet).
    f.workbook.failingMembers.add("ChartSeries.markerStyle");
    const report = await runSettled(f, (ctx) => writeResults(ctx, f.request, { chartApi: true }));
    expect(f.host.excel.stats.failedSyncs).toBeGreaterThan(0);
    expect(report.warnings.some((w) => w.startsWith("Chart drawn without its markers"))).toBe(true);
    const writes = f.workbook.addinWrites().filter((w) => w.kind === "conditionalFormat");
    expect(writes.filter((w) => w.target.startsWith("ColorScale"))).toHaveLength(2);
    expect(f.workbook.sheet(RESULTS).conditionalFormats).toHaveLength(1);
    expect(f.workbook.sheet(RESULTS).conditionalFormats[0].colorScale!.criteria).toEqual(
      f.layout.colorScales[0].criteria,
    );
  });
});

describe("the test workbook's conditional formats, through Microsoft's client", () => {
  test("criteria Excel's types do not allow are refused: no minimum, an unknown type, a number without one", async () => {
    const f = fakeExcel({ sheets: ["S"] });
    const attempt = (criteria: unknown) =>
      rejection(
        runSettled(f, async (ctx) => {
          const cf = ctx.workbook.worksheets
            .getItem("S")
            .getRange("A1:B2")
            .conditionalFormats.add("ColorScale");
          cf.colorScale.criteria = criteria as Excel.ConditionalColorScaleCriteria;
          await ctx.sync();
        }),
      );
    const high = { type: "HighestValue", color: "#FF0000" };
    for (const criteria of [
      { maximum: high },
      { minimum: { type: "Invalid", color: "#0000FF" }, maximum: high },
      { minimum: { type: "Number", color: "#0000FF" }, maximum: high },
    ]) {
      const e = await attempt(criteria);
      expect([e.code, e.debugInfo.errorLocation]).toEqual([
        "InvalidArgument",
        "ColorScaleConditionalFormat.criteria",
      ]);
    }
    // The add before each refused criteria stood (statements before a failure stay done).
    expect(f.workbook.sheet("S").conditionalFormats).toHaveLength(3);
    expect(f.workbook.sheet("S").conditionalFormats.every((c) => c.colorScale?.criteria === null)).toBe(true);
  });

  test("add puts the new format at the top; clearAll removes those inside the range; other types are not modelled", async () => {
    const f = fakeExcel({ sheets: ["S"] });
    const criteria = {
      minimum: { type: "LowestValue", color: "#0000FF" },
      maximum: { type: "HighestValue", color: "#FF0000" },
    } as Excel.ConditionalColorScaleCriteria;
    await runSettled(f, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("S");
      sheet.getRange("A1:A3").conditionalFormats.add("ColorScale").colorScale.criteria = criteria;
      sheet.getRange("C1:C3").conditionalFormats.add("ColorScale").colorScale.criteria = criteria;
      await ctx.sync();
    });
    const list = f.workbook.sheet("S").conditionalFormats;
    expect(list.map((c) => [c.rect.column, c.priority])).toEqual([
      [2, 0],
      [0, 1],
    ]);
    const count = await runSettled(f, async (ctx) => {
      const formats = ctx.workbook.worksheets.getItem("S").getRange("A1:B5").conditionalFormats;
      formats.clearAll();
      formats.load("items/id");
      await ctx.sync();
      return formats.items.length;
    });
    expect(count).toBe(0);
    expect(f.workbook.sheet("S").conditionalFormats.map((c) => [c.rect.column, c.priority])).toEqual([
      [2, 0],
    ]);
    const e = await rejection(
      runSettled(f, async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").conditionalFormats.add("DataBar");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ApiNotFound");
    expect(f.workbook.unsupported).toEqual(["ConditionalFormatCollection.add(DataBar)"]);
  });

  test("a conditional format is part of what the user sees, and goes with its sheet", async () => {
    const f = fakeExcel({ sheets: ["S", "T"] });
    const before = f.workbook.digest();
    await runSettled(f, async (ctx) => {
      ctx.workbook.worksheets.getItem("T").getRange("A1:A2").conditionalFormats.add("ColorScale");
      await ctx.sync();
    });
    expect(f.workbook.sheet("T").conditionalFormats).toHaveLength(1);
    expect(f.workbook.digest()).not.toBe(before);
    const t = f.workbook.sheet("T");
    await runSettled(f, async (ctx) => {
      ctx.workbook.worksheets.getItem("T").delete();
      await ctx.sync();
    });
    expect(f.workbook.sheets).not.toContain(t);
    expect(f.workbook.sheets.flatMap((s) => s.conditionalFormats)).toEqual([]);
  });
});
