/**
 * Excel's side of range.conditionalFormats (ExcelApi 1.6): the conditional formats a sheet keeps
 * (`Sheet.conditionalFormats`), of which only colour scales are modelled, as the add-in uses them.
 *
 * On the wire (observed with Microsoft's client, excel-web-16.00.js): `range.conditionalFormats` is a
 * property path "ConditionalFormats"; `add(type)` a method path "Add" with the type's string ("ColorScale");
 * `clearAll()` a Method action "ClearAll"; `.colorScale` a property path "ColorScale"; and
 * `colorScale.criteria = {...}` a SetProperty "Criteria" whose argument is the criteria object as given.
 *
 * Sources: "Apply conditional formatting to Excel ranges with the Excel JavaScript API"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting): "Conditional
 * formats are added to a range by using conditionalFormats.add. Once added, the properties specific to the
 * conditional format can be set"; "Only one format type can be set for the ConditionalFormat object ...
 * type is set when adding a conditional format to a range". The reference pages:
 * Excel.ConditionalFormatCollection (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection),
 * Excel.ConditionalFormat (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat),
 * Excel.ColorScaleConditionalFormat (https://learn.microsoft.com/javascript/api/excel/excel.colorscaleconditionalformat),
 * Excel.ConditionalColorScaleCriteria (https://learn.microsoft.com/javascript/api/excel/excel.conditionalcolorscalecriteria)
 * and Excel.ConditionalColorScaleCriterion (https://learn.microsoft.com/javascript/api/excel/excel.conditionalcolorscalecriterion).
 */
import { address as formatAddress, intersect, type Rect } from "../a1";
import type { ConditionalFormatRecord, Sheet } from "../workbook";
import { checkArgument, excelError, type Server } from "./protocol";
import { rangeOf } from "./ranges";
import type { HostObject, TypeSpec, TypeTable } from "./types";

type CollectionObject = { type: "ConditionalFormatCollection"; sheet: Sheet; rect: Rect };
type FormatObject = { type: "ConditionalFormat"; sheet: Sheet; record: ConditionalFormatRecord };
type ColorScaleObject = {
  type: "ColorScaleConditionalFormat";
  sheet: Sheet;
  record: ConditionalFormatRecord;
};

/** Excel.ConditionalFormatType's values. */
export const CONDITIONAL_FORMAT_TYPES: ReadonlySet<string> = new Set([
  "Custom",
  "DataBar",
  "ColorScale",
  "IconSet",
  "TopBottom",
  "PresetCriteria",
  "ContainsText",
  "CellValue",
]);

/** Excel.ConditionalFormatColorCriterionType's values, "Invalid" left out: no criterion is of that type. */
export const COLOR_CRITERION_TYPES: ReadonlySet<string> = new Set([
  "LowestValue",
  "HighestValue",
  "Number",
  "Percent",
  "Formula",
  "Percentile",
]);

/** range.conditionalFormats. */
export function conditionalFormatsOf(sheet: Sheet, rect: Rect): HostObject {
  const o: CollectionObject = { type: "ConditionalFormatCollection", sheet, rect };
  return o;
}

/**
 * "Represents a collection of all the conditional formats that are overlap the range"
 * (Excel.ConditionalFormatCollection): the sheet's formats whose cells meet the range's, in priority order.
 */
function overlapping(o: CollectionObject): ConditionalFormatRecord[] {
  return o.sheet.conditionalFormats.filter((f) => intersect(f.rect, o.rect) !== null);
}

function formatOf(sheet: Sheet, record: ConditionalFormatRecord): FormatObject {
  return { type: "ConditionalFormat", sheet, record };
}

function colorScaleOf(o: FormatObject): ColorScaleObject {
  return { type: "ColorScaleConditionalFormat", sheet: o.sheet, record: o.record };
}

function log(s: Server, text: string): void {
  s.workbook.log("conditionalFormat", text, "add-in");
}

/** Priorities are positions in the sheet's list: 0 is the top. */
function renumber(sheet: Sheet): void {
  sheet.conditionalFormats.forEach((f, i) => (f.priority = i));
}

/**
 * "Adds a new conditional format to the collection at the first/top priority" (ConditionalFormatCollection.add).
 * Only colour scales are modelled; another valid type is answered ApiNotFound and recorded.
 */
function add(o: CollectionObject, [type]: unknown[], s: Server): FormatObject {
  checkArgument(typeof type === "string" && CONDITIONAL_FORMAT_TYPES.has(type));
  if (type !== "ColorScale") throw s.notModelled("ConditionalFormatCollection", "Add", `(${String(type)})`);
  s.workbook.checkEditable(o.sheet);
  const record: ConditionalFormatRecord = {
    id: s.workbook.newId("conditionalFormat"),
    type,
    rect: o.rect,
    priority: 0,
    colorScale: { criteria: null },
  };
  o.sheet.conditionalFormats.unshift(record);
  renumber(o.sheet);
  log(s, `${type} ${formatAddress(o.sheet.name, o.rect)}`);
  return formatOf(o.sheet, record);
}

/**
 * "Clears all conditional formats active on the current specified range" (ConditionalFormatCollection.clearAll).
 * A format that lies wholly inside the range goes; what Excel does with one that only overlaps it (trims
 * its cells, presumably) no page says, so that case is not modelled.
 */
function clearAll(o: CollectionObject, s: Server): null {
  const hit = overlapping(o);
  if (hit.length === 0) return null;
  s.workbook.checkEditable(o.sheet);
  const inside = (r: Rect) =>
    r.row >= o.rect.row &&
    r.column >= o.rect.column &&
    r.row + r.rowCount <= o.rect.row + o.rect.rowCount &&
    r.column + r.columnCount <= o.rect.column + o.rect.columnCount;
  if (hit.some((f) => !inside(f.rect)))
    throw s.notModelled("ConditionalFormatCollection", "ClearAll", " (a format reaching outside the range)");
  o.sheet.conditionalFormats = o.sheet.conditionalFormats.filter((f) => !hit.includes(f));
  renumber(o.sheet);
  log(s, `clear ${formatAddress(o.sheet.name, o.rect)}`);
  return null;
}

/** A criterion as ConditionalColorScaleCriterion declares it: `type` required, `color` and `formula` strings. */
function checkCriterion(c: unknown): void {
  checkArgument(typeof c === "object" && c !== null);
  const { type, color, formula } = c as Record<string, unknown>;
  checkArgument(typeof type === "string" && COLOR_CRITERION_TYPES.has(type));
  checkArgument(color === undefined || color === null || typeof color === "string");
  // "formula: A number, a formula, or null (if type is lowestValue)."
  checkArgument(formula === undefined || formula === null || typeof formula === "string");
  if (type !== "LowestValue" && type !== "HighestValue")
    checkArgument(typeof formula === "string" && formula !== "");
}

/**
 * ConditionalColorScaleCriteria: `minimum` and `maximum` required, `midpoint` optional ("if the color scale
 * is a 3-color scale"). Kept as given, so a test sees what Excel received.
 */
function setCriteria(o: ColorScaleObject, v: unknown, s: Server): void {
  checkArgument(typeof v === "object" && v !== null);
  const criteria = v as Record<string, unknown>;
  checkCriterion(criteria.minimum);
  checkCriterion(criteria.maximum);
  if (criteria.midpoint !== undefined && criteria.midpoint !== null) checkCriterion(criteria.midpoint);
  s.workbook.checkEditable(o.sheet);
  o.record.colorScale = { criteria: JSON.parse(JSON.stringify(criteria)) as Record<string, unknown> };
  log(s, `criteria ${formatAddress(o.sheet.name, o.record.rect)}`);
}

function exists(o: { sheet: Sheet; record: ConditionalFormatRecord }, s: Server): boolean {
  return s.workbook.sheets.includes(o.sheet) && o.sheet.conditionalFormats.includes(o.record);
}

const ConditionalFormatCollection: TypeSpec<CollectionObject> = {
  properties: { Count: { get: (o) => overlapping(o).length } },
  methods: {
    GetCount: (o) => overlapping(o).length,
    ClearAll: (o, _args, s) => clearAll(o, s),
  },
  children: {
    Add: (o, args, s) => add(o, args, s),
    GetItemAt: (o, [index]) => {
      const record = typeof index === "number" ? overlapping(o)[index] : undefined;
      if (!record) throw excelError("ItemNotFound");
      return formatOf(o.sheet, record);
    },
  },
  items: (o) => overlapping(o).map((record) => formatOf(o.sheet, record)),
  item: (o, key) => {
    const record = o.sheet.conditionalFormats.find((f) => f.id === key);
    return record ? formatOf(o.sheet, record) : null;
  },
  exists: (o, s) => s.workbook.sheets.includes(o.sheet),
};

const ConditionalFormat: TypeSpec<FormatObject> = {
  properties: {
    Id: { get: (o) => o.record.id },
    Type: { get: (o) => o.record.type },
    Priority: { get: (o) => o.record.priority },
    StopIfTrue: { get: () => false },
  },
  children: {
    /** "Returns the color scale conditional format properties if the current conditional format is a ColorScale type." */
    // Every format here is a colour scale (add models no other type).
    ColorScale: (o) => colorScaleOf(o),
    ColorScaleOrNullObject: (o) => (o.record.type === "ColorScale" ? colorScaleOf(o) : null),
    GetRange: (o) => rangeOf(o.sheet, o.record.rect),
  },
  methods: {
    Delete: (o, _args, s) => {
      s.workbook.checkEditable(o.sheet);
      o.sheet.conditionalFormats = o.sheet.conditionalFormats.filter((f) => f !== o.record);
      renumber(o.sheet);
      log(s, `delete ${formatAddress(o.sheet.name, o.record.rect)}`);
      return null;
    },
  },
  identity: (o) => ({ Id: o.record.id }),
  exists,
};

const ColorScaleConditionalFormat: TypeSpec<ColorScaleObject> = {
  properties: {
    Criteria: {
      get: (o, s) => {
        // What Excel answers before criteria are set (its default scale) no page says.
        if (!o.record.colorScale?.criteria)
          throw s.notModelled("ColorScaleConditionalFormat", "Criteria", " (before it is set)");
        return o.record.colorScale.criteria;
      },
      set: setCriteria,
    },
    /** "If true, the color scale will have three points (minimum, midpoint, maximum), otherwise it will have two." */
    ThreeColorScale: {
      get: (o, s) => {
        const criteria = o.record.colorScale?.criteria;
        if (!criteria)
          throw s.notModelled("ColorScaleConditionalFormat", "ThreeColorScale", " (before criteria are set)");
        return criteria.midpoint !== undefined && criteria.midpoint !== null;
      },
    },
  },
  exists,
};

export const CONDITIONAL_FORMAT_TYPES_TABLE: TypeTable = {
  ConditionalFormatCollection,
  ConditionalFormat,
  ColorScaleConditionalFormat,
};
