/** Every Excel type the test workbook answers, by the name Microsoft's client knows it by. */
import { CHART_TYPES } from "./charts";
import { CONDITIONAL_FORMAT_TYPES_TABLE } from "./conditionalFormats";
import { RANGE_TYPES } from "./ranges";
import { SETTING_TYPES } from "./settings";
import { TABLE_TYPES } from "./tables";
import type { TypeTable } from "./types";
import { WORKBOOK_TYPES } from "./workbook";
import { WORKSHEET_TYPES } from "./worksheets";

export const EXCEL_TYPES: TypeTable = {
  ...WORKBOOK_TYPES,
  ...WORKSHEET_TYPES,
  ...RANGE_TYPES,
  ...TABLE_TYPES,
  ...CHART_TYPES,
  ...CONDITIONAL_FORMAT_TYPES_TABLE,
  ...SETTING_TYPES,
};
