/** The Excel enums the add-in may use, as string enums like Office.js's (Excel.ChartType.xyscatter…). */

const CHART_TYPES = `Invalid ColumnClustered ColumnStacked ColumnStacked100 3DColumnClustered 3DColumnStacked
3DColumnStacked100 BarClustered BarStacked BarStacked100 3DBarClustered 3DBarStacked 3DBarStacked100 LineStacked
LineStacked100 LineMarkers LineMarkersStacked LineMarkersStacked100 PieOfPie PieExploded 3DPieExploded BarOfPie
XYScatterSmooth XYScatterSmoothNoMarkers XYScatterLines XYScatterLinesNoMarkers AreaStacked AreaStacked100
3DAreaStacked 3DAreaStacked100 DoughnutExploded RadarMarkers RadarFilled Surface SurfaceWireframe SurfaceTopView
SurfaceTopViewWireframe Bubble Bubble3DEffect StockHLC StockOHLC StockVHLC StockVOHLC CylinderColClustered
CylinderColStacked CylinderColStacked100 CylinderBarClustered CylinderBarStacked CylinderBarStacked100 CylinderCol
ConeColClustered ConeColStacked ConeColStacked100 ConeBarClustered ConeBarStacked ConeBarStacked100 ConeCol
PyramidColClustered PyramidColStacked PyramidColStacked100 PyramidBarClustered PyramidBarStacked PyramidBarStacked100
PyramidCol 3DColumn Line 3DLine 3DPie Pie XYScatter 3DArea Area Doughnut Radar Histogram Boxwhisker Pareto RegionMap
Treemap Waterfall Sunburst Funnel`.split(/\s+/);

/** Office.js names enum members in camelCase, with a leading underscore before a digit ("_3DPie"). */
function enumOf(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const key = /^\d/.test(v)
      ? `_${v}`
      : v.startsWith("XY")
        ? `xy${v.slice(2)}`
        : v.charAt(0).toLowerCase() + v.slice(1);
    out[key] = v;
  }
  return out;
}

export const CHART_TYPE_VALUES: ReadonlySet<string> = new Set(CHART_TYPES.filter((t) => t !== "Invalid"));
export const SERIES_BY_VALUES: ReadonlySet<string> = new Set(["Auto", "Columns", "Rows"]);
export const LEGEND_POSITIONS: ReadonlySet<string> = new Set([
  "Top",
  "Bottom",
  "Left",
  "Right",
  "Corner",
  "Custom",
]);
export const MARKER_STYLES: ReadonlySet<string> = new Set([
  "Automatic",
  "None",
  "Square",
  "Diamond",
  "Triangle",
  "X",
  "Star",
  "Dot",
  "Dash",
  "Circle",
  "Plus",
  "Picture",
]);

export const ENUMS: Record<string, Record<string, string>> = {
  ChartType: enumOf(CHART_TYPES),
  ChartSeriesBy: enumOf(["Auto", "Columns", "Rows"]),
  ChartLegendPosition: enumOf(["Invalid", "Top", "Bottom", "Left", "Right", "Corner", "Custom"]),
  ChartMarkerStyle: enumOf(["Invalid", ...MARKER_STYLES]),
  ChartAxisType: enumOf(["Invalid", "Category", "Value", "Series"]),
  RangeValueType: enumOf([
    "Unknown",
    "Empty",
    "String",
    "Integer",
    "Double",
    "Boolean",
    "Error",
    "RichValue",
  ]),
  ClearApplyTo: enumOf(["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks", "ResetContents"]),
  SheetVisibility: enumOf(["Visible", "Hidden", "VeryHidden"]),
  EventType: enumOf(["WorkbookSelectionChanged", "WorksheetSelectionChanged", "WorksheetChanged"]),
  EventSource: enumOf(["Local", "Remote"]),
};
