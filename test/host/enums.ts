/** Values of Excel's enums the test workbook checks arguments against (server/charts.ts): what Excel accepts. */

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
