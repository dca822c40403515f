import {
  Button,
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Title3,
  makeStyles,
  tokens,
  type Theme,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { SINGLE_CELL_MESSAGE } from "../excel/prepare";
import { isWorkbookError } from "../excel/errors";
import { MULTI_AREA_MESSAGE } from "../excel/read";
import type { Host, LabelTarget, RunRecord, SelectionInfo } from "../excel/types";
import type { Progress } from "../worker/protocol";
import { ownLabelColumns, useColumnDefaults } from "./columnDefaults";
import {
  DEFAULT_OPTIONS,
  invalidNumberFields,
  parseNumberField,
  sweepsK,
  validateOptions,
  type Drafts,
  type NumberField,
  type PaneOptions,
} from "./options";
import { NUMBER_LABELS, OptionsForm } from "./OptionsForm";
import { OverwriteDialog } from "./OverwriteDialog";
import { ResultSummary } from "./ResultSummary";
import { SelectionCard } from "./SelectionCard";
import { useSelection } from "./useSelection";
import { Recommendation } from "./Recommendation";
import {
  fitAndWrite,
  readAndCheck,
  sweep,
  type Checked,
  type Done,
  type Runner,
  type WorkflowEvents,
} from "./workflow";
import type { SweepReport } from "../model";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

type Status =
  | { kind: "ready" }
  | { kind: "running"; stage: string; progress: Progress | null }
  | { kind: "choose"; checked: Checked; sweep: SweepReport; options: PaneOptions }
  | { kind: "done"; outcome: Done }
  | { kind: "declined"; target: LabelTarget }
  | { kind: "cancelled" }
  | { kind: "error"; message: string; title: string };

export type AppProps = { host: Host; runner: Runner; theme: Theme };

export function App({ host, runner, theme }: AppProps) {
  const styles = useStyles();
  const [options, setOptions] = useState<PaneOptions>(DEFAULT_OPTIONS);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [status, setStatus] = useState<Status>({ kind: "ready" });
  const [confirm, setConfirm] = useState<{ target: LabelTarget; answer(v: boolean): void } | null>(null);
  const [lastRun, setLastRun] = useState<RunRecord | null>(null);
  const { selection, columns, hasHeader, headerReason } = useSelection(host, options.header);
  const abort = useRef<AbortController | null>(null);
  const deps = useMemo(() => ({ host, runner }), [host, runner]);

  useEffect(() => {
    host.loadRunRecord().then(setLastRun, () => setLastRun(null));
  }, [host]);

  const labelColumns = ownLabelColumns(selection, columns, hasHeader, lastRun);
  useColumnDefaults(selection?.address ?? null, labelColumns, setOptions);
  const statusRef = useAnswerInView(status.kind);

  const running = status.kind === "running";
  const problems = validateOptions(options);
  const invalid = invalidNumberFields(options, drafts);

  /** A number field's text is kept as typed; its option changes only to a value the field accepts. */
  const typed = useCallback((field: NumberField, text: string) => {
    setDrafts((d) => ({ ...d, [field]: text }));
    const value = parseNumberField(field, text);
    if (value !== null) setOptions((o) => ({ ...o, [field]: value }));
  }, []);

  /** Runs one stage of work with progress, cancel and error handling shared by every stage. */
  const stage = useCallback(async (work: (signal: AbortSignal, events: WorkflowEvents) => Promise<void>) => {
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ kind: "running", stage: "Starting", progress: null });
    const events: WorkflowEvents = {
      onStage: (name) => setStatus({ kind: "running", stage: name, progress: null }),
      onProgress: (progress) => setStatus((s) => (s.kind === "running" ? { ...s, progress } : s)),
      confirmOverwrite: (target) => new Promise<boolean>((answer) => setConfirm({ target, answer })),
    };
    try {
      await work(controller.signal, events);
    } catch (e) {
      const err = e as Error;
      if (err.name === "AbortError" || controller.signal.aborted) setStatus({ kind: "cancelled" });
      else setStatus({ kind: "error", message: err.message || String(e), title: errorTitle(e) });
    } finally {
      abort.current = null;
    }
  }, []);

  const finish = useCallback(
    async (
      checked: Checked,
      opts: PaneOptions,
      k: number,
      signal: AbortSignal,
      events: WorkflowEvents,
      sw?: SweepReport,
    ) => {
      const outcome = await fitAndWrite(deps, checked, opts, k, events, signal, sw);
      setStatus({ kind: "done", outcome });
      setLastRun(outcome.record);
    },
    [deps],
  );

  const start = useCallback(
    (opts: PaneOptions, source?: { address: string }) =>
      stage(async (signal, events) => {
        const checked = await readAndCheck(deps, opts, events, signal, source);
        if ("status" in checked) {
          setStatus({ kind: "declined", target: checked.target });
          return;
        }
        if (!sweepsK(opts)) return finish(checked, opts, opts.k, signal, events);
        const result = await sweep(deps, checked, opts, events, signal);
        setStatus({ kind: "choose", checked, sweep: result, options: opts });
      }),
    [deps, stage, finish],
  );

  const pick = (k: number) => {
    if (status.kind !== "choose") return;
    const { checked, sweep: sw, options: opts } = status;
    void stage((signal, events) => finish(checked, opts, k, signal, events, sw));
  };

  const rerun = () => {
    if (!lastRun) return;
    const opts = optionsOf(lastRun);
    setOptions(opts);
    setDrafts({});
    void start(opts, { address: lastRun.sourceAddress });
  };

  /** The summary's suggested eps, for the next Cluster: with DBSCAN, in the eps field as it is shown. */
  const applyEps = useCallback((eps: number) => {
    setOptions((o) => ({ ...o, clusterer: "dbscan", eps }));
    setDrafts((d) => {
      const next = { ...d };
      delete next.eps;
      return next;
    });
  }, []);

  return (
    <FluentProvider theme={theme}>
      <main className={styles.root}>
        <Title3 as="h1">K-Means clustering</Title3>
        <SelectionCard selection={selection} />
        <OptionsForm
          options={options}
          onChange={setOptions}
          drafts={drafts}
          onType={typed}
          columns={columns}
          labelColumns={labelColumns}
          detected={headerReason ? { hasHeader, reason: headerReason } : null}
          disabled={running}
        />
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabled={running || problems.length > 0 || invalid.length > 0 || !selectionUsable(selection)}
            onClick={() => void start(options)}
          >
            Cluster
          </Button>
          {running && <Button onClick={() => abort.current?.abort()}>Cancel</Button>}
          {!running && lastRun && (
            <Button onClick={rerun} title={`Repeat the last run on ${lastRun.sourceAddress}`}>
              {`Re-run last (${lastRun.sourceAddress}, ${runDescription(lastRun.settings)})`}
            </Button>
          )}
        </div>
        {selection && selectionProblem(selection) && (
          <MessageBar intent="info">
            <MessageBarBody>{selectionProblem(selection)}</MessageBarBody>
          </MessageBar>
        )}
        {invalid.length > 0 && (
          <Caption1 role="alert">
            {`Cluster waits for a valid value in ${invalid.map((f) => NUMBER_LABELS[f]).join(", ")}.`}
          </Caption1>
        )}
        {problems.map((p) => (
          <Caption1 key={p} role="alert">
            {p}
          </Caption1>
        ))}
        <div ref={statusRef} data-testid="status">
          {status.kind === "choose" ? (
            <Recommendation
              sweep={status.sweep}
              note={cappedNote(status.sweep, status.options)}
              onPick={pick}
              onCancel={() => setStatus({ kind: "cancelled" })}
            />
          ) : (
            <StatusView status={status} onUseEps={applyEps} />
          )}
        </div>
      </main>
      <OverwriteDialog
        target={confirm?.target ?? null}
        onAnswer={(v) => {
          confirm?.answer(v);
          setConfirm(null);
        }}
      />
    </FluentProvider>
  );
}

/**
 * The status region, brought into view when what it shows changes kind (progress, then the summary, an
 * error or the recommendation): the options above it are taller than a task pane, so after Cluster the
 * answer would otherwise sit below the fold. "nearest" scrolls no more than needed, and not at all when it
 * is in view; progress updates within a run do not scroll again. jsdom has no scrollIntoView.
 */
function useAnswerInView(kind: Status["kind"]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (kind === "ready" || !el || typeof el.scrollIntoView !== "function") return;
    el.scrollIntoView({ block: "nearest" });
  }, [kind]);
  return ref;
}

/**
 * The clustering itself ran when the write refused or failed: the title says what happened to the workbook
 * instead of "Could not cluster".
 */
const NOTHING_WRITTEN = new Set([
  "LABEL_COLUMN_NOT_EMPTY",
  "LABEL_COLUMN_CHANGED",
  "SHEET_PROTECTED",
  "WORKBOOK_PROTECTED",
  "SOURCE_SHEET_DELETED",
  "SOURCE_SHEET_RENAMED",
]);

export function errorTitle(e: unknown): string {
  if (!isWorkbookError(e)) return "Could not cluster";
  if (e.code === "WRITE_FAILED") return "Could not write the results";
  return NOTHING_WRITTEN.has(e.code) ? "Nothing was written" : "Could not cluster";
}

/** Choose k tried fewer k than asked when the rows allow no more (workflow.ts, kRangeFor): said. */
function cappedNote(sweep: SweepReport, options: PaneOptions): string | undefined {
  const top = sweep.rows[sweep.rows.length - 1]?.k;
  if (top === undefined || top >= options.kMax) return undefined;
  return `Tried k up to ${top}, not ${options.kMax}: a silhouette needs more rows than clusters, and the selection has ${top + 1} usable rows.`;
}

function selectionUsable(s: SelectionInfo | null): boolean {
  return s !== null && selectionProblem(s) === null;
}

/** Said before Cluster is clicked, since Cluster stays disabled for these selections. */
export function selectionProblem(s: SelectionInfo): string | null {
  if (s.areaCount > 1) return MULTI_AREA_MESSAGE;
  if (s.rowCount * s.columnCount <= 1) return SINGLE_CELL_MESSAGE;
  return null;
}

/** The pane's options that repeat a stored run: its clusterer and settings, its header and columns. */
export function optionsOf(record: RunRecord): PaneOptions {
  const { settings } = record;
  const shared = {
    ...DEFAULT_OPTIONS,
    scaling: settings.scaling,
    seed: settings.seed,
    header: record.header,
    excludedColumns: record.excludedColumns,
    // Records from before numbering by size have none: scikit-learn's.
    numbering: settings.numbering === "size" ? ("size" as const) : ("sklearn" as const),
    diagnostics: record.diagnostics === true,
  };
  if (settings.clusterer === "dbscan") {
    return { ...shared, clusterer: "dbscan", eps: settings.eps, minSamples: settings.minSamples };
  }
  return {
    ...shared,
    clusterer: "kmeans",
    k: settings.k,
    nInit: settings.nInit,
    maxIter: settings.maxIter,
    tol: settings.tol,
  };
}

/** What the Re-run button repeats: "k = 3", or "DBSCAN, eps = 0.3". */
function runDescription(settings: RunRecord["settings"]): string {
  return settings.clusterer === "dbscan" ? `DBSCAN, eps = ${settings.eps}` : `k = ${settings.k}`;
}

function StatusView({
  status,
  onUseEps,
}: {
  status: Exclude<Status, { kind: "choose" }>;
  onUseEps(eps: number): void;
}) {
  switch (status.kind) {
    case "ready":
      return null;
    case "running":
      return (
        <section aria-label="Progress" aria-live="polite">
          <ProgressBar value={status.progress?.fraction} thickness="large" />
          <Caption1>{status.progress?.message ?? status.stage}</Caption1>
        </section>
      );
    case "done":
      return <ResultSummary {...status.outcome} onUseEps={onUseEps} />;
    case "declined":
      return (
        <MessageBar intent="info">
          <MessageBarBody>{`Nothing was written: ${status.target.address} holds data you chose to keep.`}</MessageBarBody>
        </MessageBar>
      );
    case "cancelled":
      return (
        <MessageBar intent="info">
          <MessageBarBody>Cancelled. The workbook was not changed.</MessageBarBody>
        </MessageBar>
      );
    case "error":
      return (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{status.title}</MessageBarTitle>
            {status.message}
          </MessageBarBody>
        </MessageBar>
      );
  }
}
