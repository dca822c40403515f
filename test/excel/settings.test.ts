import { prepareData } from "../../src/excel/prepare";
import { parseRunRecord } from "../../src/excel/settings";
import { rawFrom, recordFor } from "./fixtures";

const record = recordFor(prepareData(rawFrom([["X"], [1], [2]])));

test("a stored record is read back from JSON or as an object", () => {
  expect(parseRunRecord(JSON.stringify(record))).toEqual(record);
  expect(parseRunRecord(record)).toEqual(record);
});

test("anything this version cannot replay is ignored", () => {
  expect(parseRunRecord(null)).toBeNull();
  expect(parseRunRecord("")).toBeNull();
  expect(parseRunRecord("{oops")).toBeNull();
  expect(parseRunRecord(JSON.stringify({ ...record, header: "maybe" }))).toBeNull();
  expect(parseRunRecord(JSON.stringify({ ...record, excludedColumns: ["A"] }))).toBeNull();
  expect(parseRunRecord(JSON.stringify({ ...record, settings: { ...record.settings, k: 2.5 } }))).toBeNull();
  const { sourceAddress, ...rest } = record;
  void sourceAddress;
  expect(parseRunRecord(JSON.stringify(rest))).toBeNull();
});
