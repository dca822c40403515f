/**
 * A simple grid view of the test workbook, for the preview page and the browser tests' screenshots: sheet
 * tabs, a Name Box to select by address, a formula bar, cells (only the rows in view are drawn, so a
 * 200,000-row sheet scrolls), selection by click, shift-click or drag, and the workbook's recorded charts
 * drawn as SVG from the cells their series point at. Excel's charts do not exist in a browser: these
 * drawings show what was recorded (type, series, titles, position), not what Excel would render.
 * A person's own data comes in by pasting onto the grid or by "Open CSV…" (importText.ts does the writing);
 * what happened, or why nothing did, is said in the note bar.
 */
import { letters, localAddress, MAX_ROWS, parseLocal, type Rect } from "./a1";
import { openFile, pasteText, type ImportResult } from "./importText";
import type { ChartRecord, ConditionalFormatRecord, RangeRef, Sheet, Workbook } from "./workbook";

const ROW_HEIGHT = 22;
const COLUMN_WIDTH = 92;
const HEADER_WIDTH = 48;
const PALETTE = [
  "#4472C4",
  "#ED7D31",
  "#A5A5A5",
  "#FFC000",
  "#5B9BD5",
  "#70AD47",
  "#264478",
  "#9E480E",
  "#636363",
  "#997300",
];

const CSS = `
.kv-root{display:flex;flex-direction:column;height:100%;min-width:0;font:13px/1.3 "Segoe UI",system-ui,sans-serif;color:#201f1e;background:#fff}
.kv-bar{display:flex;gap:6px;align-items:center;padding:6px 8px;border-bottom:1px solid #e1dfdd;background:#f3f2f1}
.kv-bar input{font:inherit;padding:3px 6px;border:1px solid #c8c6c4;border-radius:2px}
.kv-name{width:150px}.kv-formula{flex:1}
.kv-bar button{font:inherit;padding:3px 10px;border:1px solid #c8c6c4;background:#fff;border-radius:2px;cursor:pointer}
.kv-bar button[aria-pressed=true]{background:#deecf9;border-color:#2b88d8}
.kv-note{padding:4px 8px;font-size:12px;color:#605e5c;background:#fff4ce;border-bottom:1px solid #e1dfdd}
.kv-msg{display:block;font-weight:600;color:#107c10}.kv-msg:empty{display:none}.kv-msg.kv-bad{color:#a4262c}
.kv-scroll{flex:1;overflow:auto;position:relative;min-height:0}.kv-scroll:focus{outline:none}
.kv-canvas{position:relative}
.kv-cell,.kv-head{position:absolute;box-sizing:border-box;height:${ROW_HEIGHT}px;padding:2px 4px;border-right:1px solid #edebe9;border-bottom:1px solid #edebe9;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;cursor:cell;user-select:none}
.kv-head{background:#f3f2f1;color:#605e5c;text-align:center;font-size:12px;z-index:2}
.kv-corner{z-index:3}
.kv-num{text-align:right}.kv-err{text-align:center;color:#a4262c}.kv-bold{font-weight:600}
.kv-sel{background:rgba(33,115,70,.12)}.kv-head.kv-hsel{background:#d2d0ce;color:#201f1e}
.kv-outline{position:absolute;border:2px solid #217346;pointer-events:none;z-index:4;box-sizing:border-box}
.kv-chart{position:absolute;background:#fff;border:1px solid #c8c6c4;box-shadow:0 1px 3px rgba(0,0,0,.15);z-index:5}
.kv-tabs{display:flex;gap:2px;padding:0 8px;border-top:1px solid #e1dfdd;background:#f3f2f1;overflow-x:auto}
.kv-tab{padding:5px 14px;cursor:pointer;border:none;background:none;font:inherit;color:#605e5c;border-bottom:3px solid transparent}
.kv-tab[aria-selected=true]{color:#217346;font-weight:600;border-bottom-color:#217346;background:#fff}
.kv-gallery{display:flex;flex-wrap:wrap;gap:16px;padding:16px;align-content:flex-start}
.kv-gallery .kv-chart{position:static}
`;

function formatValue(v: unknown, fmt?: string): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v !== "number") return String(v ?? "");
  if (fmt && /%$/.test(fmt)) return `${(v * 100).toFixed((/\.(0+)%$/.exec(fmt)?.[1] ?? "").length)}%`;
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return abs >= 1e5 || abs < 1e-3 ? v.toPrecision(6) : String(Number(v.toFixed(4)));
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Round ticks whose first is at or below min and whose last is at or above max. */
function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    min -= Math.abs(min) * 0.1 || 1;
    max += Math.abs(max) * 0.1 || 1;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** Reads a series' cells from the workbook. */
function cells(wb: Workbook, ref: RangeRef | null): unknown[] {
  if (!ref) return [];
  const sheet = wb.sheetById(ref.sheetId);
  if (!sheet) return [];
  return wb.valuesOf(sheet, ref.rect).flat();
}

/** Draws one recorded chart as SVG: a picture of what was recorded, not Excel's rendering. */
export function drawChart(wb: Workbook, chart: ChartRecord, width = 520, height = 320): SVGSVGElement {
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" }) as SVGSVGElement;
  root.setAttribute("aria-label", chart.title ?? chart.name);
  root.appendChild(svg("rect", { x: 0, y: 0, width, height, fill: "#fff" }));
  const legendRight = chart.legend.visible && chart.legend.position === "Right";
  const legendBottom = chart.legend.visible && !legendRight;
  const m = {
    left: 64,
    right: legendRight ? 130 : 18,
    top: chart.title ? 34 : 14,
    bottom: legendBottom ? 66 : 44,
  };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  if (chart.title) {
    root.appendChild(
      svg(
        "text",
        { x: width / 2, y: 22, "text-anchor": "middle", "font-size": 14, fill: "#404040" },
        chart.title,
      ),
    );
  }
  const column = chart.type.startsWith("Column") || chart.type.startsWith("Bar");
  const series = chart.series.map((s, i) => {
    const ys = cells(wb, s.values);
    const xsRaw = cells(wb, s.xValues);
    const xs = s.xValues ? xsRaw : ys.map((_, j) => j + 1);
    const points: { x: number; y: number; label: string }[] = [];
    ys.forEach((y, j) => {
      const x = xs[j];
      if (typeof y === "number" && (column || typeof x === "number"))
        points.push({ x: typeof x === "number" ? x : j + 1, y, label: String(x ?? j + 1) });
    });
    return { record: s, points, color: PALETTE[i % PALETTE.length] };
  });
  const all = series.flatMap((s) => s.points);
  let yMin = Math.min(...all.map((p) => p.y));
  let yMax = Math.max(...all.map((p) => p.y));
  if (column) {
    yMin = Math.min(0, yMin);
    yMax = Math.max(0, yMax);
  }
  const yTicks = niceTicks(yMin, yMax);
  const y0 = yTicks[0] ?? 0;
  const y1 = yTicks[yTicks.length - 1] ?? 1;
  const sy = (v: number) => m.top + ph - ((v - y0) / (y1 - y0 || 1)) * ph;
  const axis = "#bfbfbf";
  for (const t of yTicks) {
    root.appendChild(svg("line", { x1: m.left, x2: m.left + pw, y1: sy(t), y2: sy(t), stroke: "#ececec" }));
    root.appendChild(
      svg(
        "text",
        { x: m.left - 6, y: sy(t) + 4, "text-anchor": "end", "font-size": 10, fill: "#595959" },
        formatValue(t),
      ),
    );
  }
  root.appendChild(
    svg("line", { x1: m.left, x2: m.left + pw, y1: m.top + ph, y2: m.top + ph, stroke: axis }),
  );
  root.appendChild(svg("line", { x1: m.left, x2: m.left, y1: m.top, y2: m.top + ph, stroke: axis }));

  if (column) {
    const labels = series[0]?.points.map((p) => p.label) ?? [];
    const band = pw / Math.max(1, labels.length);
    const barWidth = (band * 0.6) / Math.max(1, series.length);
    labels.forEach((label, j) => {
      root.appendChild(
        svg(
          "text",
          {
            x: m.left + band * (j + 0.5),
            y: m.top + ph + 14,
            "text-anchor": "middle",
            "font-size": 10,
            fill: "#595959",
          },
          label,
        ),
      );
    });
    series.forEach((s, i) =>
      s.points.forEach((p, j) => {
        const x = m.left + band * j + band * 0.2 + barWidth * i;
        const top = Math.min(sy(p.y), sy(0));
        root.appendChild(
          svg("rect", { x, y: top, width: barWidth, height: Math.abs(sy(p.y) - sy(0)), fill: s.color }),
        );
      }),
    );
  } else {
    const xTicks = niceTicks(Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x)));
    const x0 = xTicks[0] ?? 0;
    const x1 = xTicks[xTicks.length - 1] ?? 1;
    const sx = (v: number) => m.left + ((v - x0) / (x1 - x0 || 1)) * pw;
    for (const t of xTicks) {
      root.appendChild(
        svg(
          "text",
          { x: sx(t), y: m.top + ph + 14, "text-anchor": "middle", "font-size": 10, fill: "#595959" },
          formatValue(t),
        ),
      );
    }
    const lines = chart.type.startsWith("XYScatterLines") || chart.type.startsWith("Line");
    series.forEach((s) => {
      const style = s.record.markerStyle ?? "Circle";
      const size = s.record.markerSize ?? (lines ? 7 : 5);
      if (lines && s.points.length > 1 && s.record.markerSize !== 13) {
        const d = s.points
          .map((p, j) => `${j === 0 ? "M" : "L"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
          .join("");
        root.appendChild(svg("path", { d, fill: "none", stroke: s.color, "stroke-width": 2 }));
      }
      for (const p of s.points) {
        const cx = sx(p.x);
        const cy = sy(p.y);
        const r = size / 2;
        if (style === "Diamond") {
          root.appendChild(
            svg("path", {
              d: `M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`,
              fill: s.color,
              stroke: "#fff",
              "stroke-width": 0.8,
            }),
          );
        } else if (style !== "None") {
          root.appendChild(
            svg("circle", {
              cx,
              cy,
              r,
              fill: s.color,
              "fill-opacity": 0.85,
              stroke: "#fff",
              "stroke-width": 0.5,
            }),
          );
        }
      }
    });
  }
  if (chart.categoryAxisTitle) {
    root.appendChild(
      svg(
        "text",
        { x: m.left + pw / 2, y: m.top + ph + 32, "text-anchor": "middle", "font-size": 11, fill: "#404040" },
        chart.categoryAxisTitle,
      ),
    );
  }
  if (chart.valueAxisTitle) {
    const cy = m.top + ph / 2;
    root.appendChild(
      svg(
        "text",
        {
          x: 14,
          y: cy,
          "text-anchor": "middle",
          "font-size": 11,
          fill: "#404040",
          transform: `rotate(-90 14 ${cy})`,
        },
        chart.valueAxisTitle,
      ),
    );
  }
  if (chart.legend.visible) {
    series.forEach((s, i) => {
      const x = legendRight ? width - m.right + 12 : m.left + (pw / Math.max(1, series.length)) * i;
      const y = legendRight ? m.top + 14 + i * 18 : height - 14;
      root.appendChild(svg("rect", { x, y: y - 8, width: 10, height: 10, fill: s.color }));
      root.appendChild(svg("text", { x: x + 14, y: y + 1, "font-size": 11, fill: "#404040" }, s.record.name));
    });
  }
  return root;
}

export type SheetView = {
  root: HTMLElement;
  showSheet(name: string): void;
  /** Shows the sheet's charts side by side instead of the grid (false: back to the grid). */
  gallery(on: boolean): void;
  /** Scrolls so that a cell (local address) is at the top left. */
  scrollTo(cell: string): void;
  /** Pastes text (tab-separated or CSV) at the selection, as a paste onto the grid does. */
  paste(text: string): ImportResult;
  /** Opens a CSV file as a new sheet, as "Open CSV…" does. */
  open(file: File): Promise<ImportResult>;
  dispose(): void;
};

/** Mounts the view into a container; it follows the workbook's changes and selection. */
export function mountSheetView(wb: Workbook, container: HTMLElement): SheetView {
  if (!document.getElementById("kv-style")) {
    const style = el("style");
    style.id = "kv-style";
    style.textContent = CSS;
    document.head.appendChild(style);
  }
  const root = el("div", "kv-root");
  root.setAttribute("data-testid", "sheet-view");
  const bar = el("div", "kv-bar");
  const nameBox = el("input", "kv-name");
  nameBox.setAttribute("aria-label", "Name Box");
  nameBox.title = "Type an address (A1:D151) and press Enter to select it";
  const formula = el("input", "kv-formula");
  formula.setAttribute("aria-label", "Formula bar");
  formula.placeholder = "Type a value or a formula such as =KMEANS.LABELS(A2:D151, 3) and press Enter";
  const chartsButton = el("button", undefined, "Charts");
  chartsButton.setAttribute("aria-pressed", "false");
  const openButton = el("button", undefined, "Open CSV…");
  openButton.title = "Open a CSV or tab-separated file as a new sheet";
  // The file input is hidden behind the button, as a styled file picker usually is.
  const fileInput = el("input");
  fileInput.type = "file";
  fileInput.accept = ".csv,text/csv,text/tab-separated-values";
  fileInput.hidden = true;
  fileInput.setAttribute("data-testid", "open-csv-input");
  bar.append(nameBox, formula, chartsButton, openButton, fileInput);
  const note = el("div", "kv-note");
  note.append(
    el(
      "span",
      undefined,
      "Preview harness: a test workbook standing in for Excel. The add-in itself runs in Excel; charts here are drawings of what the add-in recorded. " +
        "Try your own data: paste cells or CSV text onto the grid, or open a CSV.",
    ),
  );
  const message = el("span", "kv-msg");
  message.setAttribute("role", "status");
  message.setAttribute("data-testid", "view-message");
  note.append(message);
  const scroll = el("div", "kv-scroll");
  // Focusable, so that a click on the grid makes it the target of Ctrl+V (a paste goes to the focus).
  scroll.tabIndex = 0;
  scroll.setAttribute("aria-label", "Cells: paste copied cells or CSV text here");
  scroll.setAttribute("data-testid", "grid");
  const canvas = el("div", "kv-canvas");
  scroll.appendChild(canvas);
  const tabs = el("div", "kv-tabs");
  tabs.setAttribute("role", "tablist");
  root.append(bar, note, scroll, tabs);
  container.appendChild(root);

  let showGallery = false;
  let dragAnchor: { row: number; column: number } | null = null;
  let frame = 0;

  // The view shows the active sheet, as Excel does; a tab click activates its sheet.
  const sheet = (): Sheet => wb.activeSheet;
  const selectionOnSheet = (): Rect[] => (wb.selection.sheetId === sheet().id ? wb.selection.areas : []);

  const select = (rect: Rect) => {
    wb.select(sheet().name, localAddress(rect));
  };

  const cellAt = (event: MouseEvent): { row: number; column: number } | null => {
    const box = canvas.getBoundingClientRect();
    const x = event.clientX - box.left - HEADER_WIDTH;
    const y = event.clientY - box.top - ROW_HEIGHT;
    if (x < 0 || y < 0) return null;
    return { row: Math.floor(y / ROW_HEIGHT), column: Math.floor(x / COLUMN_WIDTH) };
  };
  const rectOf = (a: { row: number; column: number }, b: { row: number; column: number }): Rect => ({
    row: Math.min(a.row, b.row),
    column: Math.min(a.column, b.column),
    rowCount: Math.abs(a.row - b.row) + 1,
    columnCount: Math.abs(a.column - b.column) + 1,
  });

  canvas.addEventListener("mousedown", (event) => {
    const target = event.target as HTMLElement;
    if (target.dataset.column !== undefined) {
      const c = Number(target.dataset.column);
      select({ row: 0, column: c, rowCount: MAX_ROWS, columnCount: 1 });
      return;
    }
    const at = cellAt(event);
    if (!at) return;
    const current = selectionOnSheet()[0];
    if (event.shiftKey && current) {
      select(rectOf({ row: current.row, column: current.column }, at));
      return;
    }
    dragAnchor = at;
    select(rectOf(at, at));
  });
  canvas.addEventListener("mousemove", (event) => {
    if (!dragAnchor || (event.buttons & 1) === 0) return;
    const at = cellAt(event);
    if (!at) return;
    const next = rectOf(dragAnchor, at);
    const current = selectionOnSheet()[0];
    if (!current || localAddress(current) !== localAddress(next)) select(next);
  });
  window.addEventListener("mouseup", () => (dragAnchor = null));
  nameBox.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const text = nameBox.value.trim();
    const bang = text.lastIndexOf("!");
    try {
      if (bang >= 0) {
        const name = text.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
        wb.select(name, text.slice(bang + 1));
      } else wb.select(sheet().name, text);
    } catch {
      nameBox.select();
    }
  });
  formula.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const area = selectionOnSheet()[0];
    if (!area) return;
    const cell = localAddress({ row: area.row, column: area.column, rowCount: 1, columnCount: 1 });
    void wb.enterFormula(sheet().name, cell, formula.value);
  });
  chartsButton.addEventListener("click", () => view.gallery(!showGallery));

  const say = (result: ImportResult): ImportResult => {
    message.textContent = result.message;
    message.classList.toggle("kv-bad", !result.ok);
    return result;
  };
  scroll.addEventListener("paste", (event) => {
    event.preventDefault();
    const data = event.clipboardData;
    // Copied pictures or files come without text/plain; pasting them would write nothing meaningful.
    if (!data || !data.types.includes("text/plain")) {
      say({
        ok: false,
        message: "Nothing was pasted: the clipboard holds no text (copy cells, or CSV text).",
      });
      return;
    }
    view.paste(data.getData("text/plain"));
  });
  openButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    // Cleared so that choosing the same file again is a change too.
    fileInput.value = "";
    if (file) void view.open(file);
  });
  scroll.addEventListener("scroll", () => schedule());

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  }

  function renderTabs() {
    tabs.replaceChildren(
      ...wb.sheets.map((s) => {
        const tab = el("button", "kv-tab", s.name);
        tab.setAttribute("role", "tab");
        tab.setAttribute("aria-selected", String(s.id === sheet().id));
        tab.addEventListener("click", () => view.showSheet(s.name));
        return tab;
      }),
    );
  }

  function render() {
    const s = sheet();
    renderTabs();
    chartsButton.setAttribute("aria-pressed", String(showGallery));
    const areas = selectionOnSheet();
    if (document.activeElement !== nameBox) nameBox.value = areas.map((a) => localAddress(a)).join(",");
    const first = areas[0];
    if (document.activeElement !== formula && first) {
      const c = s.get(first.row, first.column);
      formula.value = c?.f ?? (c ? formatValue(c.v, c.fmt) : "");
    }
    const charts = wb.charts.filter((c) => c.sheetId === s.id);
    if (showGallery) {
      canvas.className = "kv-gallery";
      canvas.style.width = canvas.style.height = "";
      canvas.replaceChildren(
        ...charts.map((c) => {
          const box = el("div", "kv-chart");
          box.setAttribute("data-chart", c.name);
          box.appendChild(drawChart(wb, c));
          return box;
        }),
      );
      if (charts.length === 0) canvas.appendChild(el("div", undefined, "No charts on this sheet."));
      return;
    }
    canvas.className = "kv-canvas";
    const used = s.used(false);
    let chartRows = 0;
    let chartColumns = 0;
    for (const c of charts) {
      const end = c.position?.end ? parseLocal(c.position.end) : null;
      if (end) {
        chartRows = Math.max(chartRows, end.row + 1);
        chartColumns = Math.max(chartColumns, end.column + 1);
      }
    }
    const rows = Math.max(40, (used ? used.row + used.rowCount : 0) + 20, chartRows + 5);
    const columns = Math.min(
      200,
      Math.max(14, (used ? used.column + used.columnCount : 0) + 4, chartColumns + 2),
    );
    canvas.style.width = `${HEADER_WIDTH + columns * COLUMN_WIDTH}px`;
    canvas.style.height = `${ROW_HEIGHT + rows * ROW_HEIGHT}px`;
    const top = Math.max(0, Math.floor(scroll.scrollTop / ROW_HEIGHT) - 2);
    const bottom = Math.min(rows, top + Math.ceil(scroll.clientHeight / ROW_HEIGHT) + 4);
    const left = Math.max(0, Math.floor(scroll.scrollLeft / COLUMN_WIDTH) - 1);
    const right = Math.min(columns, left + Math.ceil(scroll.clientWidth / COLUMN_WIDTH) + 2);
    const inSel = (r: number, c: number) =>
      areas.some(
        (a) => r >= a.row && r < a.row + a.rowCount && c >= a.column && c < a.column + a.columnCount,
      );
    const nodes: HTMLElement[] = [];
    const stickTop = scroll.scrollTop;
    const stickLeft = scroll.scrollLeft;
    for (let r = top; r < bottom; r++) {
      const y = ROW_HEIGHT + r * ROW_HEIGHT;
      const head = el("div", "kv-head", String(r + 1));
      head.style.cssText = `left:${stickLeft}px;top:${y}px;width:${HEADER_WIDTH}px`;
      if (areas.some((a) => r >= a.row && r < a.row + a.rowCount)) head.classList.add("kv-hsel");
      nodes.push(head);
      const line = s.rows.get(r);
      for (let c = left; c < right; c++) {
        const cell = line?.[c];
        const selected = inSel(r, c);
        if (!cell && !selected) continue;
        const div = el("div", "kv-cell", cell ? formatValue(cell.v, cell.fmt) : "");
        if (cell?.t === "Double") div.classList.add("kv-num");
        if (cell?.t === "Error") div.classList.add("kv-err");
        if (s.bold.has(`${r},${c}`)) div.classList.add("kv-bold");
        if (selected) div.classList.add("kv-sel");
        if (cell?.msg) div.title = cell.msg;
        else if (cell?.f) div.title = cell.f;
        const shade = cell?.t === "Double" ? scaleColour(s.conditionalFormats, r, c, Number(cell.v)) : null;
        div.style.cssText = `left:${HEADER_WIDTH + c * COLUMN_WIDTH}px;top:${y}px;width:${COLUMN_WIDTH}px${shade ? `;background:${shade}` : ""}`;
        nodes.push(div);
      }
    }
    for (let c = left; c < right; c++) {
      const head = el("div", "kv-head", letters(c));
      head.dataset.column = String(c);
      head.style.cssText = `left:${HEADER_WIDTH + c * COLUMN_WIDTH}px;top:${stickTop}px;width:${COLUMN_WIDTH}px;cursor:s-resize`;
      if (areas.some((a) => c >= a.column && c < a.column + a.columnCount)) head.classList.add("kv-hsel");
      nodes.push(head);
    }
    const corner = el("div", "kv-head kv-corner");
    corner.style.cssText = `left:${stickLeft}px;top:${stickTop}px;width:${HEADER_WIDTH}px`;
    nodes.push(corner);
    for (const a of areas) {
      const outline = el("div", "kv-outline");
      const visibleRows = Math.min(a.rowCount, rows - a.row);
      outline.style.cssText = `left:${HEADER_WIDTH + a.column * COLUMN_WIDTH}px;top:${ROW_HEIGHT + a.row * ROW_HEIGHT}px;width:${Math.min(a.columnCount, columns) * COLUMN_WIDTH}px;height:${visibleRows * ROW_HEIGHT}px`;
      nodes.push(outline);
    }
    for (const c of charts) {
      const start = c.position ? parseLocal(c.position.start) : null;
      const end = c.position?.end ? parseLocal(c.position.end) : null;
      const row = start?.row ?? 1;
      const column = start?.column ?? 1;
      const width = end ? (end.column - column + 1) * COLUMN_WIDTH : 480;
      const height = end ? (end.row - row + 1) * ROW_HEIGHT : 288;
      const box = el("div", "kv-chart");
      box.setAttribute("data-chart", c.name);
      box.style.cssText = `left:${HEADER_WIDTH + column * COLUMN_WIDTH}px;top:${ROW_HEIGHT + row * ROW_HEIGHT}px;width:${width}px;height:${height}px`;
      box.appendChild(drawChart(wb, c, width - 2, height - 2));
      nodes.push(box);
    }
    canvas.replaceChildren(...nodes);
  }

  const unsubscribe = wb.onChange(schedule);
  const view: SheetView = {
    root,
    showSheet(name) {
      wb.activate(wb.sheet(name));
      scroll.scrollTop = 0;
      scroll.scrollLeft = 0;
      render();
    },
    gallery(on) {
      showGallery = on;
      render();
    },
    scrollTo(cell) {
      const rect = parseLocal(cell);
      if (!rect) return;
      scroll.scrollTop = rect.row * ROW_HEIGHT;
      scroll.scrollLeft = rect.column * COLUMN_WIDTH;
      render();
    },
    paste(text) {
      const result = say(pasteText(wb, text));
      if (result.ok) view.gallery(false);
      return result;
    },
    async open(file) {
      const result = say(await openFile(wb, file));
      if (result.ok) {
        showGallery = false;
        view.scrollTo("A1");
      }
      return result;
    },
    dispose() {
      unsubscribe();
      root.remove();
    },
  };
  render();
  return view;
}

/**
 * The fill a colour scale gives a number, as Excel draws it: the colour interpolated linearly between the
 * criteria's points and held beyond the ends ("Apply conditional formatting to Excel ranges with the
 * Excel JavaScript API", learn.microsoft.com, colour scales). Only number criteria are drawn, the kind the
 * add-in sets; the top-priority scale over the cell wins.
 */
function scaleColour(
  formats: ConditionalFormatRecord[],
  row: number,
  column: number,
  v: number,
): string | null {
  for (const f of formats) {
    const { rect } = f;
    const inside =
      row >= rect.row &&
      row < rect.row + rect.rowCount &&
      column >= rect.column &&
      column < rect.column + rect.columnCount;
    const criteria = f.colorScale?.criteria as Record<
      string,
      { type?: string; formula?: string; color?: string }
    > | null;
    if (!inside || !criteria || !Number.isFinite(v)) continue;
    const points = ["minimum", "midpoint", "maximum"]
      .map((key) => criteria[key])
      .filter((p): p is { type: string; formula: string; color: string } => p?.type === "Number" && !!p.color)
      .map((p) => ({ at: Number(p.formula), rgb: rgbOf(p.color) }));
    if (points.length < 2 || points.some((p) => !Number.isFinite(p.at) || !p.rgb)) continue;
    if (v <= points[0].at) return cssRgb(points[0].rgb!);
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (v <= b.at) {
        const t = b.at > a.at ? (v - a.at) / (b.at - a.at) : 1;
        return cssRgb(a.rgb!.map((x, j) => x + (b.rgb![j] - x) * t));
      }
    }
    return cssRgb(points[points.length - 1].rgb!);
  }
  return null;
}

function rgbOf(hex: string): number[] | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  return m ? [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16)) : null;
}

function cssRgb(rgb: number[]): string {
  return `rgb(${rgb.map((x) => Math.round(x)).join(",")})`;
}
