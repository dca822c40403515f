/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read,
   office-addins/no-context-sync-in-loop --
   these tests break Office.js's rules on purpose, to show who enforces them. */
/**
 * The rules a batch meets on its way to Excel and back. Microsoft's Excel client (test/host/client.ts) runs
 * the add-in's calls, so the rules it keeps itself (load before read, object lifetimes, tracking, chunking,
 * error objects) are Microsoft's code firing: the first section shows each one firing inside Microsoft's
 * script with no request sent. The rest shows the Excel side, which the test workbook models
 * (test/host/server): payload caps, statements run in order, Excel's error codes and messages, typed
 * values, tables, charts, settings, events, and members it does not model being reported.
 */
import { basename } from "node:path";
import { SHAPE_MESSAGE } from "./errors";
import type { TestHost } from "./office";
import { fakeExcel, rejection, thrown } from "./testHost";
import type { FunctionsJson, Platform } from "./workbook";

/** An OfficeExtension.Error as Microsoft's client raises it, with the stack it was raised with. */
type ClientError = {
  name: string;
  code: string;
  message: string;
  stack?: string;
  debugInfo: { errorLocation?: string; statement?: string };
};

/** Polls until the condition holds (the client's clean-up request comes after Excel.run resolves). */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

type WireAction = { ActionType: number; Name?: string; ArgumentInfo?: { Arguments?: unknown[] } };
type WireRequest = { Actions: WireAction[]; ObjectPaths: Record<string, { Name?: string }> };
type WireReply = { Results: unknown[]; Error?: Record<string, unknown> };

/** Every request the server receives from now on, with its reply, as they travelled. */
function recordWire(host: TestHost): { request: WireRequest; reply: WireReply }[] {
  const log: { request: WireRequest; reply: WireReply }[] = [];
  const server = host.excel;
  const processQuery = server.processQuery.bind(server);
  server.processQuery = (text: string) => {
    const reply = processQuery(text);
    log.push({ request: JSON.parse(text) as WireRequest, reply: JSON.parse(reply) as WireReply });
    return reply;
  };
  return log;
}

const PLATFORMS: readonly Platform[] = ["web", "windows", "mac"];

describe("rules Microsoft's client enforces itself", () => {
  describe.each(PLATFORMS)("with Microsoft's %s script", (platform) => {
    function setup() {
      const f = fakeExcel({ platform });
      const script = basename(f.host.client.file);
      /** The error is Microsoft's: its class, and the frame that raised it is in Microsoft's script. */
      const fromMicrosoft = (e: unknown) => {
        expect(e instanceof f.host.client.OfficeExtension.Error).toBe(true);
        const frames = String((e as ClientError).stack)
          .split("\n")
          .filter((line) => line.trim().startsWith("at "));
        expect(frames[0]).toContain(script);
      };
      return { ...f, script, fromMicrosoft, stats: f.host.excel.stats };
    }

    const NOT_LOADED = (property: string) =>
      `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;

    test("PropertyNotLoaded: a property that was never loaded, thrown before any request", async () => {
      const { run, fromMicrosoft, stats } = setup();
      await run(async (context) => {
        const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
        const e = thrown(() => range.values) as ClientError;
        expect([e.name, e.code, e.message]).toEqual([
          "RichApi.Error",
          "PropertyNotLoaded",
          NOT_LOADED("values"),
        ]);
        expect(e.debugInfo.errorLocation).toBe("Range.values");
        fromMicrosoft(e);
        expect(stats.syncs).toBe(0);
        await context.sync();
      });
    });

    test("PropertyNotLoaded: loaded but not yet synced; readable after the sync, and only what was loaded", async () => {
      const { workbook, run, fromMicrosoft, stats } = setup();
      workbook.sheet("Sheet1").put(0, 0, { v: 7, t: "Double" });
      await run(async (context) => {
        const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1");
        range.load("values, address");
        const e = thrown(() => range.values) as ClientError;
        expect([e.name, e.code, e.message]).toEqual([
          "RichApi.Error",
          "PropertyNotLoaded",
          NOT_LOADED("values"),
        ]);
        fromMicrosoft(e);
        expect(stats.syncs).toBe(0);
        await context.sync();
        expect(stats.syncs).toBe(1);
        expect(range.values).toEqual([[7]]);
        expect(range.address).toBe("Sheet1!A1");
        const notLoaded = thrown(() => range.rowCount) as ClientError;
        expect(notLoaded.code).toBe("PropertyNotLoaded");
        fromMicrosoft(notLoaded);
        expect(stats.syncs).toBe(1);
      });
    });

    test("isNullObject is unknown before a sync (PropertyNotLoaded) and known after it, with no load", async () => {
      const { run, fromMicrosoft, stats } = setup();
      await run(async (context) => {
        const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
        const present = context.workbook.worksheets.getItemOrNullObject("Sheet1");
        const e = thrown(() => missing.isNullObject) as ClientError;
        expect([e.name, e.code, e.message]).toEqual([
          "RichApi.Error",
          "PropertyNotLoaded",
          NOT_LOADED("isNullObject"),
        ]);
        fromMicrosoft(e);
        expect(stats.syncs).toBe(0);
        await context.sync();
        expect(missing.isNullObject).toBe(true);
        expect(present.isNullObject).toBe(false);
        // A null object's properties read as undefined once loaded.
        missing.load("name");
        await context.sync();
        expect(missing.name).toBeUndefined();
      });
    });

    test("InvalidObjectPath: an object used once its Excel.run ended, unless it was tracked", async () => {
      const { run, fromMicrosoft, stats } = setup();
      const kept = await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        const range = sheet.getRange("A1").load("address");
        const tracked = sheet.getRange("B1");
        context.trackedObjects.add(tracked);
        await context.sync();
        // Usable inside its run.
        expect(range.address).toBe("Sheet1!A1");
        return { range, tracked };
      });
      // The run's clean-up request releases the untracked range; the tracked one stays with Excel.
      await until(() => stats.trackedObjects === 1);
      const syncs = stats.syncs;
      const e = thrown(() => kept.range.load("address")) as ClientError;
      expect([e.name, e.code]).toEqual(["RichApi.Error", "InvalidObjectPath"]);
      expect(e.message).toMatch(
        /^The object path '.*' isn't working for what you're trying to do\. If you're using the object across multiple "context\.sync" calls and outside the sequential execution of a "\.run" batch, please use the "context\.trackedObjects\.add\(\)" and "context\.trackedObjects\.remove\(\)" methods to manage the object's lifetime\.$/,
      );
      fromMicrosoft(e);
      expect(stats.syncs).toBe(syncs);
      kept.tracked.load("address");
      await kept.tracked.context.sync();
      expect(kept.tracked.address).toBe("Sheet1!B1");
    });

    test("InvalidRequestContext: an object of one request context used in another", async () => {
      const { run, context, fromMicrosoft, stats } = setup();
      const other = context().workbook.worksheets.getItem("Sheet1").getRange("A1:C3");
      await run(async (ctx) => {
        const here = ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:D4");
        const e = thrown(() => here.getIntersection(other)) as ClientError;
        expect([e.name, e.code, e.message]).toEqual([
          "RichApi.Error",
          "InvalidRequestContext",
          "Cannot use the object across different request contexts.",
        ]);
        fromMicrosoft(e);
        expect(stats.syncs).toBe(0);
        await ctx.sync();
      });
    });

    test("RunMustReturnPromise: Excel.run's batch returned no promise", async () => {
      const { run, fromMicrosoft, stats } = setup();
      const e = (await rejection(run((() => undefined) as never))) as ClientError;
      expect([e.name, e.code, e.message]).toEqual([
        "RichApi.Error",
        "RunMustReturnPromise",
        'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
      ]);
      fromMicrosoft(e);
      expect(stats.syncs).toBe(0);
    });

    test("automatic tracking: ranges are kept during the run and released by a clean-up request after it", async () => {
      const { host, run, stats } = setup();
      const wire = recordWire(host);
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1").values = [[1]];
        sheet.getRange("B2").load("address");
        await context.sync();
        // Neither range was kept by the batch's code: the client asked Excel to keep both.
        expect(stats.trackedObjects).toBe(2);
        expect(stats.requests[0].statements).toContain("Range._KeepReference");
        expect(wire[0].request.Actions.filter((a) => a.Name === "_KeepReference")).toHaveLength(2);
      });
      await until(() => stats.trackedObjects === 0);
      expect(host.excel.references.size).toBe(0);
      expect(stats.requests).toHaveLength(2);
      expect(stats.requests[1].statements).toEqual(["Workbook._RemoveReference"]);
      const released = wire[1].request.Actions.filter((a) => a.Name === "_RemoveReference").map(
        (a) => a.ArgumentInfo?.Arguments?.[0],
      );
      expect(released).toHaveLength(2);
    });

    test("chunking: a write over 1,500 cells goes as row blocks after _ValidateArraySize, in one request", async () => {
      const { workbook, host, run, stats } = setup();
      const wire = recordWire(host);
      const rows = (n: number) => Array.from({ length: n }, (_, i) => [i + 1, -(i + 1)]);
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1:B750").values = rows(750); // 1,500 cells: one statement
        await context.sync();
        sheet.getRange("D1:E1000").values = rows(1000); // 2,000 cells
        await context.sync();
        expect(stats.syncs).toBe(2);
      });
      const [small, large] = wire.map((w) => w.request);
      const writes = (r: WireRequest) => r.Actions.filter((a) => a.ActionType === 4 && a.Name === "Values");
      const blockRows = (r: WireRequest) =>
        writes(r).map((a) => (a.ArgumentInfo!.Arguments![0] as unknown[]).length);
      expect(blockRows(small)).toEqual([750]);
      expect(stats.requests[0].statements).not.toContain("Range._ValidateArraySize");
      // One request (the second), its 2,000 cells in blocks of at most 1,500, each on a range the client
      // made from rows of the target.
      expect(stats.requests[1].statements).toEqual(
        expect.arrayContaining(["Range._ValidateArraySize", "Range.values ="]),
      );
      expect(large.Actions.find((a) => a.Name === "_ValidateArraySize")?.ArgumentInfo?.Arguments).toEqual([
        1000, 2,
      ]);
      expect(blockRows(large)).toEqual([750, 250]);
      const pathNames = new Set(Object.values(large.ObjectPaths).map((p) => p.Name));
      expect([...pathNames]).toEqual(expect.arrayContaining(["GetRow", "GetBoundingRect"]));
      expect(
        workbook.valuesOf(workbook.sheet("Sheet1"), { row: 0, column: 3, rowCount: 1000, columnCount: 2 }),
      ).toEqual(rows(1000));
    });

    test("error translation: Excel's error in the reply becomes an OfficeExtension.Error, statement and all", async () => {
      const { host, run, fromMicrosoft } = setup();
      const wire = recordWire(host);
      const e = (await rejection(
        run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("B1:C2").values = [[1, 2, 3]];
          await context.sync();
        }),
      )) as ClientError;
      // What Excel sent: a code, a message, where, and the index of the action; no statement.
      const sent = wire[0].reply.Error!;
      expect(sent).toMatchObject({
        Code: "InvalidArgument",
        Message: SHAPE_MESSAGE,
        Location: "Range.values",
      });
      expect(typeof sent.ActionIndex).toBe("number");
      expect(JSON.stringify(wire[0].reply)).not.toContain("range.values =");
      // What the add-in gets: Microsoft's error object, from another realm, the statement rebuilt by the client.
      expect(e instanceof Error).toBe(false);
      expect([e.name, e.code, e.message]).toEqual(["RichApi.Error", "InvalidArgument", SHAPE_MESSAGE]);
      expect(e.debugInfo.errorLocation).toBe("Range.values");
      expect(e.debugInfo.statement).toBe("range.values = ...;");
      fromMicrosoft(e);
    });

    test("nothing is sent before sync; Excel.run sends what is still queued at its end", async () => {
      const { workbook, run, stats } = setup();
      const firstRow = () =>
        workbook.valuesOf(workbook.sheet("Sheet1"), { row: 0, column: 0, rowCount: 1, columnCount: 2 });
      await run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[1, 2]];
        await Promise.resolve();
        expect(stats.syncs).toBe(0);
        expect(firstRow()).toEqual([["", ""]]);
      });
      expect(firstRow()).toEqual([[1, 2]]);
    });

    test("a property set reads back as set before any sync; a loaded value is a snapshot", async () => {
      const { run, stats } = setup();
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        const range = sheet.getRange("A1");
        range.values = [[3]];
        expect(range.values).toEqual([[3]]);
        expect(stats.syncs).toBe(0);
        await context.sync();
        const read = sheet.getRange("A1").load("values");
        await context.sync();
        sheet.getRange("A1").values = [[5]];
        await context.sync();
        expect(read.values).toEqual([[3]]);
        read.load("values");
        await context.sync();
        expect(read.values).toEqual([[5]]);
      });
    });
  });
});

describe("the request and response size limit (5 MB on the web, none documented elsewhere)", () => {
  const big = (rows: number, columns: number, text = "x".repeat(40)) =>
    Array.from({ length: rows }, () => new Array<string>(columns).fill(text));

  test("a request over 5 MB fails with RequestPayloadSizeLimitExceeded and writes nothing", async () => {
    const { workbook, run } = fakeExcel();
    const e = await rejection(
      run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1").values = [["small"]];
        sheet.getRangeByIndexes(1, 0, 30_000, 5).values = big(30_000, 5); // ~6.5 MB of JSON
        await context.sync();
      }),
    );
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(e.message).toMatch(/^The request payload size has exceeded the limit/);
    expect(workbook.sheet("Sheet1").used(false)).toBeNull();
    expect(workbook.writes).toEqual([]);
  });

  test("the same cells in blocks under the limit go through", async () => {
    const { workbook, run } = fakeExcel();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      for (let start = 0; start < 30_000; start += 10_000) {
        sheet.getRangeByIndexes(start, 0, 10_000, 5).values = big(10_000, 5);
        await context.sync();
      }
    });
    expect(workbook.sheet("Sheet1").used(true)).toEqual({
      row: 0,
      column: 0,
      rowCount: 30_000,
      columnCount: 5,
    });
  });

  test.each(["windows", "mac"] as const)(
    "on %s, which documents no cap, the same 6.5 MB request goes through",
    async (platform) => {
      const { workbook, host, run } = fakeExcel({ platform });
      await run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 30_000, 5).values = big(
          30_000,
          5,
        );
        await context.sync();
      });
      expect(host.excel.stats.maxRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
      expect(workbook.sheet("Sheet1").used(true)).toEqual({
        row: 0,
        column: 0,
        rowCount: 30_000,
        columnCount: 5,
      });
    },
  );

  test("a response over 5 MB fails with ResponsePayloadSizeLimitExceeded and loads nothing", async () => {
    const { workbook, run } = fakeExcel();
    const sheet = workbook.sheet("Sheet1");
    for (let r = 0; r < 30_000; r++)
      for (let c = 0; c < 5; c++) sheet.put(r, c, { v: "y".repeat(40), t: "String" });
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:E30000").load("values");
      const e = await rejection(context.sync());
      expect(e.code).toBe("ResponsePayloadSizeLimitExceeded");
      expect(thrown(() => range.values).code).toBe("PropertyNotLoaded");
    });
  });
});

describe("writing values", () => {
  test("a 2-D array of the wrong shape fails with InvalidArgument and Excel's message", async () => {
    const { workbook, run } = fakeExcel();
    const e = await rejection(
      run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1").values = [["before"]];
        sheet.getRange("B1:C2").values = [[1, 2, 3]];
        sheet.getRange("D1").values = [["after"]];
        await context.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    expect(e.message).toBe(SHAPE_MESSAGE);
    expect(e.message).toBe(
      "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
    );
    // Excel names the member; Microsoft's client names the statement (the second range's).
    expect(e.debugInfo.errorLocation).toBe("Range.values");
    expect(e.debugInfo.statement).toBe("range1.values = ...;");
    // Excel runs a batch's statements in order and does not roll back the ones before a failure.
    const values = workbook.valuesOf(workbook.sheet("Sheet1"), {
      row: 0,
      column: 0,
      rowCount: 2,
      columnCount: 4,
    });
    expect(values).toEqual([
      ["before", "", "", ""],
      ["", "", "", ""],
    ]);
  });

  test("rows of different lengths are the wrong shape too; a single value fills the range", async () => {
    const { workbook, run } = fakeExcel();
    const e = await rejection(
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2], [3]];
        await context.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    await run(async (context) => {
      (
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2") as unknown as { values: unknown }
      ).values = 9;
      await context.sync();
    });
    expect(
      workbook.valuesOf(workbook.sheet("Sheet1"), { row: 0, column: 0, rowCount: 2, columnCount: 2 }),
    ).toEqual([
      [9, 9],
      [9, 9],
    ]);
  });

  test("values travel as JSON: null and NaN leave a cell unchanged", async () => {
    const { workbook, run } = fakeExcel();
    workbook.sheet("Sheet1").put(0, 0, { v: 1, t: "Double" });
    workbook.sheet("Sheet1").put(0, 1, { v: 2, t: "Double" });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").values = [[null, NaN, 3]];
      await context.sync();
    });
    expect(
      workbook.valuesOf(workbook.sheet("Sheet1"), { row: 0, column: 0, rowCount: 1, columnCount: 3 }),
    ).toEqual([[1, 2, 3]]);
  });

  test("a string is read as typed text in a General cell, and kept as text in a Text cell", async () => {
    const { workbook, run } = fakeExcel();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:D1").values = [["=SUM(B1)", "12", "TRUE", "#N/A"]];
      const text = sheet.getRange("A2:D2");
      text.numberFormat = [["@", "@", "@", "@"]];
      text.values = [["=SUM(B1)", "12", "TRUE", "#N/A"]];
      const read = sheet.getRange("A1:D2").load("values, valueTypes, formulas");
      await context.sync();
      expect(read.valueTypes).toEqual([
        ["Error", "Double", "Boolean", "Error"],
        ["String", "String", "String", "String"],
      ]);
      expect(read.values[1]).toEqual(["=SUM(B1)", "12", "TRUE", "#N/A"]);
      expect(read.formulas[0][0]).toBe("=SUM(B1)");
    });
    expect(workbook.sheet("Sheet1").get(0, 1)).toEqual({ v: 12, t: "Double" });
  });

  test("the workbook records each write the add-in made, by address", async () => {
    const { workbook, run } = fakeExcel();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRangeByIndexes(0, 4, 3, 1).values = [["Cluster"], [1], [2]];
      context.workbook.worksheets.add("Results");
      await context.sync();
    });
    expect(workbook.writes).toEqual([
      { kind: "values", target: "Sheet1!E1:E3", by: "add-in" },
      { kind: "sheet", target: "Results", by: "add-in" },
    ]);
  });
});

describe("Excel's error codes", () => {
  test("ItemNotFound, InvalidArgument and ItemAlreadyExists, with the failing statement", async () => {
    const { run } = fakeExcel();
    const notFound = await rejection(
      run(async (context) => {
        context.workbook.worksheets.getItem("Missing").load("name");
        await context.sync();
      }),
    );
    expect(notFound.code).toBe("ItemNotFound");
    expect(notFound.message).toBe("The requested resource doesn't exist.");
    expect(notFound.debugInfo.errorLocation).toBe("WorksheetCollection.getItem");
    expect(notFound.debugInfo.statement).toBe("var worksheet = worksheets.getItem(...);");

    const badAddress = await rejection(
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("not an address").load("values");
        await context.sync();
      }),
    );
    expect(badAddress.code).toBe("InvalidArgument");

    const outside = await rejection(
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(1_048_575, 0, 2, 1).load("values");
        await context.sync();
      }),
    );
    expect(outside.code).toBe("InvalidArgument");

    const taken = await rejection(
      run(async (context) => {
        context.workbook.worksheets.add("sheet1");
        await context.sync();
      }),
    );
    expect(taken.code).toBe("ItemAlreadyExists");

    const badName = await rejection(
      run(async (context) => {
        context.workbook.worksheets.add("a/b");
        await context.sync();
      }),
    );
    expect(badName.code).toBe("InvalidArgument");
  });

  test("getSelectedRange fails on a multi-area selection; getSelectedRanges counts the areas", async () => {
    const { workbook, run } = fakeExcel();
    workbook.select("Sheet1", "A1:B2,D1:D3");
    const e = await rejection(
      run(async (context) => {
        context.workbook.getSelectedRange().load("address");
        await context.sync();
      }),
    );
    expect(e.code).toBe("InvalidSelection");
    const areas = await run(async (context) => {
      const r = context.workbook.getSelectedRanges().load("address, areaCount");
      await context.sync();
      return { address: r.address, count: r.areaCount };
    });
    expect(areas).toEqual({ address: "Sheet1!A1:B2, Sheet1!D1:D3", count: 2 });
  });
});

describe("ranges", () => {
  test("A1 addresses, offsets and resizes, the used range and its intersection", async () => {
    const { workbook, run } = fakeExcel({ sheets: ["My Data"] });
    const s = workbook.sheet("My Data");
    s.put(1, 1, { v: 1, t: "Double" });
    s.put(5, 3, { v: 2, t: "Double" });
    const got = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("My Data");
      const whole = sheet.getRange("B:C").load("address, rowCount, isEntireColumn");
      const moved = sheet.getRange("B2:C3").getOffsetRange(1, 2).load("address");
      const resized = sheet.getRange("B2").getResizedRange(2, 1).load("address");
      const used = sheet.getUsedRange(true).load("address");
      const trimmed = sheet
        .getRange("A:B")
        .getIntersectionOrNullObject(sheet.getUsedRange(true))
        .load("address");
      const none = sheet.getRange("Z1").getIntersectionOrNullObject(sheet.getUsedRange(true));
      const emptyUsed = sheet.getRange("H1:H10").getUsedRangeOrNullObject(true);
      await context.sync();
      return {
        whole: [whole.address, whole.rowCount, whole.isEntireColumn],
        moved: moved.address,
        resized: resized.address,
        used: used.address,
        trimmed: trimmed.address,
        none: none.isNullObject,
        emptyUsed: emptyUsed.isNullObject,
      };
    });
    expect(got).toEqual({
      whole: ["'My Data'!B:C", 1_048_576, true],
      moved: "'My Data'!D3:E4",
      resized: "'My Data'!B2:C4",
      used: "'My Data'!B2:D6",
      trimmed: "'My Data'!B2:B6",
      none: true,
      emptyUsed: true,
    });
  });

  test("an empty sheet's used range is A1; the OrNullObject form is null", async () => {
    const { run } = fakeExcel();
    const got = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const used = sheet.getUsedRange().load("address");
      const orNull = sheet.getUsedRangeOrNullObject();
      await context.sync();
      return [used.address, orNull.isNullObject];
    });
    expect(got).toEqual(["Sheet1!A1", true]);
  });

  test("rowHidden is true, false, or null for a mix", async () => {
    const { workbook, run } = fakeExcel();
    workbook.sheet("Sheet1").hiddenRows.add(2);
    const got = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const ranges = ["A1:A2", "A3", "A1:A5"].map((a) => sheet.getRange(a).load("rowHidden"));
      await context.sync();
      return ranges.map((r) => r.rowHidden);
    });
    expect(got).toEqual([false, true, null]);
  });
});

describe("tables, charts, settings and events", () => {
  test("tables.add records the table; Excel makes its headers unique text", async () => {
    const { workbook, run } = fakeExcel();
    workbook.sheet("Sheet1").put(0, 0, { v: "Size", t: "String" });
    workbook.sheet("Sheet1").put(0, 1, { v: "size", t: "String" });
    await run(async (context) => {
      const table = context.workbook.worksheets.getItem("Sheet1").tables.add("A1:C3", true);
      table.load("name");
      await context.sync();
      expect(table.name).toBe("Table1");
    });
    expect(workbook.tables).toMatchObject([
      {
        name: "Table1",
        rect: { row: 0, column: 0, rowCount: 3, columnCount: 3 },
        headers: ["Size", "size2", "Column3"],
      },
    ]);
    const overlap = await rejection(
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").tables.add("B2:D4", true);
        await context.sync();
      }),
    );
    expect(overlap.code).toBe("InvalidOperation");
  });

  test("charts.add makes series from the source as Excel does; the series API edits them", async () => {
    const { workbook, run } = fakeExcel();
    const s = workbook.sheet("Sheet1");
    [
      ["k", "Inertia", "Silhouette"],
      [2, 100, 0.5],
      [3, 60, 0.6],
      [4, 50, 0.4],
    ].forEach((line, r) =>
      line.forEach((v, c) => s.put(r, c, { v, t: typeof v === "number" ? "Double" : "String" })),
    );
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const scatter = sheet.charts.add("XYScatterLines", sheet.getRange("A1:C4"), "Columns");
      scatter.series.load("count");
      await context.sync();
      expect(scatter.series.count).toBe(2); // column A is the x values
      scatter.series.getItemAt(1).delete();
      scatter.name = "Elbow";
      scatter.title.text = "Elbow method";
      scatter.axes.categoryAxis.title.text = "k";
      scatter.axes.valueAxis.title.text = "Inertia";
      scatter.legend.visible = true;
      scatter.legend.position = "Bottom";
      scatter.setPosition("E2", "L16");
      const added = scatter.series.add("Silhouette");
      added.setValues(sheet.getRange("C2:C4"));
      added.setXAxisValues(sheet.getRange("A2:A4"));
      added.markerStyle = "Diamond";
      added.markerSize = 12;
      const column = sheet.charts.add("ColumnClustered", sheet.getRange("B2:B4"), "Columns");
      column.series.load("count");
      await context.sync();
      expect(column.series.count).toBe(1);
    });
    const [elbow, bars] = workbook.charts;
    expect(elbow).toMatchObject({
      name: "Elbow",
      type: "XYScatterLines",
      title: "Elbow method",
      categoryAxisTitle: "k",
      valueAxisTitle: "Inertia",
      legend: { visible: true, position: "Bottom" },
      position: { start: "E2", end: "L16" },
    });
    expect(
      elbow.series.map((x) => [
        x.name,
        workbook.addressOf(x.values!),
        x.xValues && workbook.addressOf(x.xValues),
        x.markerStyle,
      ]),
    ).toEqual([
      ["Inertia", "Sheet1!B2:B4", "Sheet1!A2:A4", null],
      ["Silhouette", "Sheet1!C2:C4", "Sheet1!A2:A4", "Diamond"],
    ]);
    expect(bars.series.map((x) => [x.name, workbook.addressOf(x.values!), x.xValues])).toEqual([
      ["Series1", "Sheet1!B2:B4", null],
    ]);
  });

  test("chart settings outside Excel's enums fail with InvalidArgument", async () => {
    const { run } = fakeExcel();
    const e = await rejection(
      run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        const chart = sheet.charts.add("XYScatter", sheet.getRange("A1:A3"), "Columns");
        chart.legend.position = "Middle" as never;
        await context.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    const size = await rejection(
      run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.charts.add("XYScatter", sheet.getRange("A1:A3"), "Columns").series.getItemAt(0).markerSize =
          100;
        await context.sync();
      }),
    );
    expect(size.code).toBe("InvalidArgument");
  });

  test("workbook settings round-trip; a missing one is a null object", async () => {
    const { workbook, run } = fakeExcel();
    await run(async (context) => {
      context.workbook.settings.add("kmeans.lastRun", JSON.stringify({ k: 3 }));
      const missing = context.workbook.settings.getItemOrNullObject("nope");
      const present = context.workbook.settings.getItemOrNullObject("kmeans.lastRun").load("value");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(JSON.parse(present.value as string)).toEqual({ k: 3 });
    });
    expect(workbook.settings.get("kmeans.lastRun")).toBe('{"k":3}');
  });

  test("selection-changed handlers are registered at sync, called after a selection, and removed", async () => {
    const { workbook, host, run } = fakeExcel();
    const seen: string[] = [];
    const registration = await run(async (context) => {
      const r = context.workbook.onSelectionChanged.add(async () => void seen.push("changed"));
      expect(host.client.selectionHandlers()).toBe(0);
      await context.sync();
      expect(host.client.selectionHandlers()).toBe(1);
      return r;
    });
    // Excel pushes an event on the selection change; Microsoft's client calls the handler.
    workbook.select("Sheet1", "B2:C3");
    await until(() => seen.length > 0);
    expect(seen).toEqual(["changed"]);
    await run(registration.context, async (context) => {
      registration.remove();
      await context.sync();
    });
    expect(host.client.selectionHandlers()).toBe(0);
  });

  test("a member the test workbook does not model reaches it, is answered ApiNotFound, and is reported", async () => {
    const { workbook, run } = fakeExcel();
    const set = await rejection(
      run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        const chart = sheet.charts.add("XYScatter", sheet.getRange("A1:A3"), "Columns");
        chart.axes.valueAxis.logBase = 10;
        await context.sync();
      }),
    );
    expect([set.code, set.message]).toEqual([
      "ApiNotFound",
      "The test workbook does not implement ChartAxis.logBase =.",
    ]);
    const path = await rejection(
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").freezePanes.freezeRows(1);
        await context.sync();
      }),
    );
    expect([path.code, path.message]).toEqual([
      "ApiNotFound",
      "The test workbook does not implement Worksheet.freezePanes.",
    ]);
    expect(workbook.unsupported).toEqual(["ChartAxis.logBase =", "Worksheet.freezePanes"]);
  });
});

describe("custom functions", () => {
  test("a formula calls the associated function, shows #BUSY! until it settles, and spills", async () => {
    const { workbook, host } = fakeExcel();
    const s = workbook.sheet("Sheet1");
    [1, 2, 3].forEach((v, r) => s.put(r, 0, { v, t: "Double" }));
    let finish: (v: unknown) => void = () => undefined;
    const calls: unknown[][] = [];
    (host.CustomFunctions.associate as (id: string, f: (...a: unknown[]) => unknown) => void)(
      "DOUBLE",
      (...args) => {
        calls.push(args);
        return new Promise((resolve) => (finish = resolve));
      },
    );
    const done = workbook.enterFormula("Sheet1", "C1", "=KMEANS.DOUBLE(A1:A3, 2)");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(s.get(0, 2)?.v).toBe("#BUSY!");
    finish([[2], [4], [6]]);
    await done;
    expect(workbook.valuesOf(s, { row: 0, column: 2, rowCount: 3, columnCount: 1 })).toEqual([[2], [4], [6]]);
    expect(calls[0].slice(0, 2)).toEqual([[[1], [2], [3]], 2]);
    expect(calls[0][2]).toMatchObject({ address: "Sheet1!C1" });
  });

  test("a rejected CustomFunctions.Error shows its code; a blocked spill shows #SPILL!", async () => {
    const { workbook, host } = fakeExcel();
    const s = workbook.sheet("Sheet1");
    const associate = host.CustomFunctions.associate as (id: string, f: (...a: unknown[]) => unknown) => void;
    const ErrorClass = host.CustomFunctions.Error as new (code: string, message?: string) => Error;
    associate("FAIL", () => Promise.reject(new ErrorClass("#VALUE!", "k must be 2 or more")));
    associate("TWO", () => Promise.resolve([[1], [2]]));
    await workbook.enterFormula("Sheet1", "A1", "=KMEANS.FAIL()");
    expect(s.get(0, 0)).toMatchObject({ v: "#VALUE!", t: "Error", msg: "k must be 2 or more" });
    s.put(2, 1, { v: "in the way", t: "String" });
    await workbook.enterFormula("Sheet1", "B2", "=KMEANS.TWO()");
    expect(s.get(1, 1)?.v).toBe("#SPILL!");
  });
});

describe("the Office global", () => {
  test("document settings are a copy saved by saveAsync, shared with workbook settings", async () => {
    const { workbook, host } = fakeExcel();
    const office = host.Office as unknown as typeof Office;
    const settings = office.context.document.settings;
    settings.set("kmeans.lastRun", "{}");
    expect(workbook.settings.has("kmeans.lastRun")).toBe(false);
    const status = await new Promise((resolve) => settings.saveAsync((r) => resolve(r.status)));
    expect(status).toBe(office.AsyncResultStatus.Succeeded);
    expect(workbook.settings.get("kmeans.lastRun")).toBe("{}");
    expect(settings.get("missing")).toBeNull();
  });

  test("requirement sets answer by version; onReady can be held until the test has seeded the workbook", async () => {
    const { host } = fakeExcel({ requirements: { ExcelApi: "1.8" }, holdReady: true });
    const office = host.Office as unknown as typeof Office;
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    expect(office.context.requirements.isSetSupported("WordApi", "1.1")).toBe(false);
    let ready = false;
    void office.onReady(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ready).toBe(false);
    host.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ready).toBe(true);
  });
});

describe("charts that fail, column widths and suspended calculation (issue 9)", () => {
  /** Numbers 1..4 in A1:A4 and B1:B4 of Sheet1. */
  function seeded(platform: "web" | "windows" = "web") {
    const fx = fakeExcel({ platform });
    const s = fx.workbook.sheet("Sheet1");
    for (let r = 0; r < 4; r++) {
      s.put(r, 0, { v: r + 1, t: "Double" });
      s.put(r, 1, { v: (r + 1) * 2, t: "Double" });
    }
    return fx;
  }

  test("chart.delete() takes the chart off the sheet", async () => {
    const { workbook, run } = seeded();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const chart = sheet.charts.add("XYScatter", sheet.getRange("A1:A4"), "Columns");
      await context.sync();
      expect(workbook.charts).toHaveLength(1);
      chart.delete();
      await context.sync();
    });
    expect(workbook.charts).toEqual([]);
  });

  test("a series' values must be one row or column: a block fails the sync, the chart stays half-made", async () => {
    const { workbook, run } = seeded();
    const e = await rejection(
      run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        const chart = sheet.charts.add("XYScatter", sheet.getRange("A1:A4"), "Columns");
        chart.title.text = "Half";
        chart.series.getItemAt(0).setValues(sheet.getRange("A1:B4"));
        chart.name = "Never named";
        await context.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    // Statements before the failing one stay done, as in Excel: what an add-in must clean up.
    expect(workbook.charts.map((c) => [c.title, c.name])).toEqual([["Half", "Chart 1"]]);
  });

  test.each(["web", "windows"] as const)(
    "on a build that refuses series markers (%s): InvalidOperation at ChartSeries.markerStyle, nothing else lost",
    async (platform) => {
      const { workbook, run } = seeded(platform);
      workbook.failingMembers.add("ChartSeries.markerStyle");
      const e = await rejection(
        run(async (context) => {
          const sheet = context.workbook.worksheets.getItem("Sheet1");
          const chart = sheet.charts.add("XYScatter", sheet.getRange("A1:A4"), "Columns");
          await context.sync();
          const series = chart.series.getItemAt(0);
          series.markerSize = 9;
          series.markerStyle = "Circle";
          await context.sync();
        }),
      );
      expect([e.code, e.message, e.debugInfo.errorLocation]).toEqual([
        "InvalidOperation",
        "This operation is not permitted for the current object.",
        "ChartSeries.markerStyle",
      ]);
      expect(workbook.charts).toHaveLength(1);
      expect(workbook.charts[0].series[0]).toMatchObject({ markerSize: 9, markerStyle: null });
    },
  );

  test("autofitColumns fits the whole column, not only the range; widths read back per column", async () => {
    const { workbook, run } = fakeExcel();
    const s = workbook.sheet("Sheet1");
    const sentence = "A long sentence that is much wider than any number in the column.";
    s.put(0, 0, { v: sentence, t: "String" });
    s.put(1, 0, { v: 7, t: "Double" });
    s.put(1, 1, { v: 7, t: "Double" });
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A2:B2").format.autofitColumns();
      const a = sheet.getRange("A1").format;
      const b = sheet.getRange("B1").format;
      const both = sheet.getRange("A1:B1").format;
      const c = sheet.getRange("C1").format;
      [a, b, both, c].forEach((f) => f.load("columnWidth"));
      await context.sync();
      // Column A is as wide as the sentence in A1, outside the range (office-js #5999).
      expect(a.columnWidth).toBeGreaterThan(sentence.length * 5);
      expect(b.columnWidth).toBeLessThan(20);
      expect(both.columnWidth).toBeNull();
      expect(c.columnWidth).toBe(48);
    });
  });

  test("columnWidth and wrapText are kept and read back; a wrapped cell still counts for autofit", async () => {
    const { workbook, run } = fakeExcel();
    const s = workbook.sheet("Sheet1");
    s.put(0, 0, { v: "A sentence long enough to need wrapping in a narrow column.", t: "String" });
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").format.wrapText = true;
      sheet.getRange("A:A").format.columnWidth = 100;
      const a = sheet.getRange("A1").format;
      const mixed = sheet.getRange("A1:A2").format;
      a.load("columnWidth, wrapText");
      mixed.load("wrapText");
      await context.sync();
      expect([a.columnWidth, a.wrapText, mixed.wrapText]).toEqual([100, true, null]);
      sheet.getRange("A1").format.autofitColumns();
      a.load("columnWidth");
      await context.sync();
      expect(a.columnWidth).toBeGreaterThan(200);
      sheet.getRange("A1").format.columnWidth = -1;
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(s.columnWidths.get(0)).toBeGreaterThan(200);
    expect(s.wrapped).toEqual(new Set(["0,0"]));
  });

  test("suspendApiCalculationUntilNextSync marks the writes of its own sync only", async () => {
    const { workbook, run } = fakeExcel();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      context.workbook.application.suspendApiCalculationUntilNextSync();
      sheet.getRange("A1").values = [[1]];
      await context.sync();
      sheet.getRange("A2").values = [[2]];
      await context.sync();
    });
    const values = workbook.addinWrites().filter((w) => w.kind === "values");
    expect(values.map((w) => [w.target, w.calculation])).toEqual([
      ["Sheet1!A1", "suspended"],
      ["Sheet1!A2", undefined],
    ]);
  });
});

describe("custom function arguments, per platform", () => {
  function withEcho(platform: Platform, json: FunctionsJson | null = null) {
    const f = fakeExcel({ platform, loadFunctionMetadata: json ? async () => json : undefined });
    const calls: unknown[][] = [];
    (f.host.CustomFunctions.associate as (id: string, fn: (...a: unknown[]) => unknown) => void)(
      "ECHO",
      (...args) => {
        calls.push(args);
        return Promise.resolve([[1]]);
      },
    );
    return { ...f, calls };
  }
  const echoMetadata = (allowErrors: boolean): FunctionsJson => ({
    allowErrorForDataTypeAny: allowErrors,
    functions: [
      { id: "ECHO", parameters: [{ name: "data" }], options: { requiresParameterAddresses: true } },
    ],
  });

  test.each([
    ["web", null],
    ["windows", 0],
    ["mac", 0],
  ] as const)("a blank cell reaches an any argument on %s as %p", async (platform, blank) => {
    const { workbook, calls } = withEcho(platform);
    workbook.setValues("Sheet1", "A1", [[1], [""], [3]]);
    await workbook.enterFormula("Sheet1", "C1", "=KMEANS.ECHO(A1:A3)");
    expect(calls[0][0]).toEqual([[1], [blank], [3]]);
  });

  test("parameter addresses come with metadata that asks for them, for ranges only", async () => {
    const { workbook, calls } = withEcho("windows", echoMetadata(true));
    workbook.setValues("Sheet1", "A1", [[1], [2]]);
    await workbook.enterFormula("Sheet1", "C1", "=KMEANS.ECHO(A1:A2)");
    expect(calls[0][1]).toMatchObject({ parameterAddresses: ["Sheet1!A1:A2"], isInValuePreview: false });
    await workbook.enterFormula("Sheet1", "C1", "=KMEANS.ECHO(5)");
    expect(calls[1][1]).toMatchObject({ parameterAddresses: [""] });
  });

  test("an error in a range stops the call unless allowErrorForDataTypeAny is set", async () => {
    const blocked = withEcho("web", echoMetadata(false));
    blocked.workbook.setValues("Sheet1", "A1", [[1], ["#DIV/0!"]]);
    await blocked.workbook.enterFormula("Sheet1", "C1", "=KMEANS.ECHO(A1:A2)");
    expect(blocked.calls).toHaveLength(0);
    expect(blocked.workbook.sheet("Sheet1").get(0, 2)?.v).toBe("#DIV/0!");

    const allowed = withEcho("web", echoMetadata(true));
    allowed.workbook.setValues("Sheet1", "A1", [[1], ["#DIV/0!"]]);
    await allowed.workbook.enterFormula("Sheet1", "C1", "=KMEANS.ECHO(A1:A2)");
    expect(allowed.calls[0][0]).toEqual([[1], [expect.objectContaining({ code: "#DIV/0!" })]]);
  });

  test("a whole column is #CALC! on the web and 1,048,576 rows on Windows", async () => {
    const web = withEcho("web");
    await web.workbook.enterFormula("Sheet1", "C1", "=KMEANS.ECHO(A:A)");
    expect(web.calls).toHaveLength(0);
    expect(web.workbook.sheet("Sheet1").get(0, 2)?.v).toBe("#CALC!");

    const windows = withEcho("windows");
    windows.workbook.setValues("Sheet1", "A1", [[7]]);
    await windows.workbook.enterFormula("Sheet1", "C1", "=KMEANS.ECHO(A:A)");
    const column = windows.calls[0][0] as number[][];
    expect(column).toHaveLength(1_048_576);
    expect(column[0]).toEqual([7]);
    expect(column[1_048_575]).toEqual([0]);
  });

  test("an argument over 5 MB never reaches the function: the cell stays #BUSY!", async () => {
    const { workbook, calls } = withEcho("windows");
    await workbook.enterFormula("Sheet1", "D1", "=KMEANS.ECHO(A:B)");
    expect(calls).toHaveLength(0);
    expect(workbook.sheet("Sheet1").get(0, 3)?.v).toBe("#BUSY!");
  });
});
