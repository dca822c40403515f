import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  SpinButton,
  Switch,
  makeStyles,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import type { ReactElement } from "react";
import type { Numbering, ScalingMethod } from "../engine";
import type { HeaderReason } from "../excel/prepare";
import type { ColumnInfo, HeaderChoice } from "../excel/types";
import type { ClustererName } from "../model";
import {
  FIELD_LABELS,
  isDbscanOptions,
  K_LIMITS,
  NUMBER_RULES,
  parseNumberField,
  type Drafts,
  type NumberField,
  type PaneOptions,
} from "./options";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalM },
  columns: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
  legend: { ...typographyStyles.body1Strong, paddingBottom: tokens.spacingVerticalXS },
});

type Props = {
  options: PaneOptions;
  onChange(next: PaneOptions): void;
  /** What the user typed into number fields, shown as typed even when it is not (yet) a valid value. */
  drafts: Drafts;
  /** Every keystroke and step of a number field; the caller sets the option when the text is valid. */
  onType(field: NumberField, text: string): void;
  columns: ColumnInfo[] | null;
  /** The selection's column holding the last run's labels (unticked by default, and said why). */
  /** The last run's own output columns in the selection (its labels, and diagnostics if it wrote them). */
  labelColumns: number[];
  /** What the preview found about the first row, said under the Header row choice. */
  detected?: { hasHeader: boolean; reason: HeaderReason } | null;
  disabled: boolean;
};

/** The pane always says what it took the first row for, and why: a wrong guess is then seen before Cluster. */
export function headerHint({ hasHeader, reason }: { hasHeader: boolean; reason: HeaderReason }): string {
  if (reason === "chosen") return hasHeader ? "The first row is used as the header." : "Every row is data.";
  if (!hasHeader) return "Detected: no header row (the first row holds data like the rows below).";
  return `Detected: the first row is the header (${reason}).`;
}

/** Labels of the number fields, for the fields and for the note by the Cluster button. */
export const NUMBER_LABELS: Record<NumberField, string> = {
  ...(FIELD_LABELS as Record<NumberField, string>),
  // The field itself also names the letter its messages and the Re-run button use.
  k: "Number of clusters (k)",
};

/** The hints under the numbering choice and the diagnostics checkbox. */
export const NUMBERING_HINT =
  "Cluster 1 is scikit-learn's first label, or the largest cluster (numbers then stay put when the data changes a little).";
export const DIAGNOSTICS_HINT =
  "Writes Distance, Silhouette, Runner-up, Margin and Outlier columns right of the Cluster column.";

/** The hint under eps: what the number is measured in, and where a good one comes from. */
export const EPS_HINT = "A distance in the scaled space; after a run the k-distance curve suggests one.";

/**
 * A SpinButton showing exactly the text typed, valid or not. Fluent's SpinButton reports typed text only
 * when it is committed (blur, Enter) and, given NaN as its value, stops taking typed text; so the text
 * is the caller's, reported on every keystroke (onInput) and step, and the value is null while the text
 * is not a number the field accepts.
 */
export function TextSpinButton(props: {
  text: string;
  value: number | null;
  min: number;
  max: number;
  disabled?: boolean;
  onText(text: string): void;
}) {
  const { text, value, min, max, disabled, onText } = props;
  return (
    <SpinButton
      value={value}
      displayValue={text}
      min={min}
      max={max}
      disabled={disabled}
      onInput={(e) => onText(e.currentTarget.value)}
      onChange={(_, d) => onText(typeof d.value === "number" ? String(d.value) : (d.displayValue ?? text))}
    />
  );
}

export function OptionsForm(props: Props) {
  const { options, onChange, drafts, onType, columns, labelColumns, disabled, detected } = props;
  const styles = useStyles();
  const set = <K extends keyof PaneOptions>(key: K, value: PaneOptions[K]) =>
    onChange({ ...options, [key]: value });
  const textOf = (field: NumberField) => drafts[field] ?? String(options[field]);
  /** The field around a number control: its problem shown beside it while its text is not valid. */
  const numberField = (field: NumberField, hint: string | undefined, control: ReactElement) => {
    const valid = parseNumberField(field, textOf(field)) !== null;
    return (
      <Field
        label={NUMBER_LABELS[field]}
        hint={hint}
        validationState={valid ? "none" : "error"}
        validationMessage={valid ? undefined : NUMBER_RULES[field].problem}
      >
        {control}
      </Field>
    );
  };
  const spin = (field: "k" | "kMin" | "kMax" | "minSamples", hint?: string) =>
    numberField(
      field,
      hint,
      <TextSpinButton
        text={textOf(field)}
        value={parseNumberField(field, textOf(field))}
        min={NUMBER_RULES[field].min}
        max={NUMBER_RULES[field].max}
        disabled={disabled}
        onText={(t) => onType(field, t)}
      />,
    );
  // Text, not type="number": a number input hides what was typed when it is not a number (its value is "").
  const input = (field: "nInit" | "maxIter" | "seed" | "tol" | "eps", hint: string) =>
    numberField(
      field,
      hint,
      <Input
        inputMode={field === "tol" || field === "eps" ? "decimal" : "numeric"}
        value={textOf(field)}
        disabled={disabled}
        onChange={(_, d) => onType(field, d.value)}
      />,
    );
  const dbscan = isDbscanOptions(options);
  return (
    <div className={styles.form}>
      <Field
        label="Algorithm"
        hint="k-means finds k round clusters; DBSCAN finds dense regions of any shape and calls sparse rows noise."
      >
        <RadioGroup
          value={options.clusterer}
          disabled={disabled}
          onChange={(_, d) => set("clusterer", d.value as ClustererName)}
        >
          <Radio value="kmeans" label="k-means" />
          <Radio value="dbscan" label="DBSCAN" />
        </RadioGroup>
      </Field>
      {dbscan ? (
        <>
          {input("eps", EPS_HINT)}
          {spin("minSamples", "Rows within eps, the row itself counted, that make a row a core row.")}
        </>
      ) : (
        <>
          <Switch
            label="Choose k for me"
            checked={options.chooseK}
            disabled={disabled}
            onChange={(_, d) => set("chooseK", d.checked)}
          />
          {options.chooseK ? (
            <div className={styles.row}>
              {spin("kMin")}
              {spin("kMax")}
            </div>
          ) : (
            spin("k", `From ${K_LIMITS.min} to ${K_LIMITS.max}`)
          )}
        </>
      )}
      <Field label="Scaling" hint="Standard scaling keeps a column with large numbers from dominating.">
        <RadioGroup
          value={options.scaling}
          disabled={disabled}
          onChange={(_, d) => set("scaling", d.value as ScalingMethod)}
        >
          <Radio value="standard" label="Standard (mean 0, standard deviation 1)" />
          <Radio value="minmax" label="Min-max (0 to 1)" />
          <Radio value="none" label="None" />
        </RadioGroup>
      </Field>
      <Field label="Number clusters" hint={NUMBERING_HINT}>
        <RadioGroup
          value={options.numbering}
          disabled={disabled}
          onChange={(_, d) => set("numbering", d.value as Numbering)}
        >
          <Radio value="sklearn" label="As scikit-learn" />
          <Radio value="size" label="By size (largest first)" />
        </RadioGroup>
      </Field>
      <Field hint={DIAGNOSTICS_HINT}>
        <Checkbox
          label="Per-row diagnostics"
          checked={options.diagnostics}
          disabled={disabled}
          onChange={(_, d) => set("diagnostics", d.checked === true)}
        />
      </Field>
      <Field label="Header row" hint={detected ? headerHint(detected) : undefined}>
        <Select
          value={options.header}
          disabled={disabled}
          onChange={(_, d) => set("header", d.value as HeaderChoice)}
        >
          <option value="auto">Detect</option>
          <option value="yes">First row is a header</option>
          <option value="no">No header row</option>
        </Select>
      </Field>
      {columns && columns.length > 0 && (
        // A fieldset, not a Field: a Field gives every control inside it the same id, and so one label.
        <fieldset className={styles.columns}>
          <legend className={styles.legend}>Columns to cluster on</legend>
          {columns.map((c) => (
            <Checkbox
              key={c.index}
              label={columnLabel(c, labelColumns.indexOf(c.index), options.excludedColumns.includes(c.index))}
              disabled={disabled || !c.numeric}
              checked={c.numeric && !options.excludedColumns.includes(c.index)}
              onChange={(_, d) =>
                set(
                  "excludedColumns",
                  d.checked
                    ? options.excludedColumns.filter((i) => i !== c.index)
                    : [...options.excludedColumns, c.index].sort((a, b) => a - b),
                )
              }
            />
          ))}
        </fieldset>
      )}
      {columns && <ScatterAxes options={options} columns={columns} disabled={disabled} onChange={onChange} />}
      <Accordion collapsible>
        <AccordionItem value="advanced">
          <AccordionHeader>Advanced</AccordionHeader>
          <AccordionPanel>
            <div className={styles.form}>
              {!dbscan && (
                <>
                  {input("nInit", "Runs from different k-means++ starts; the best is kept.")}
                  {input("maxIter", "Per run.")}
                  {input("tol", "Relative to the data's variance, as in scikit-learn.")}
                </>
              )}
              {input(
                "seed",
                dbscan
                  ? "Seeds the samples the silhouette and the scatter take of large data (DBSCAN itself draws nothing)."
                  : "The same seed gives the same clusters (scikit-learn's random_state).",
              )}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}

/** A column's checkbox label, saying why a column is not offered or not ticked by default. */
/** own: the column's place among the last run's output columns (0 its labels), or -1. */
function columnLabel(c: ColumnInfo, own: number, excluded: boolean): string {
  if (!c.numeric) return `${c.name} (not numeric)`;
  if (own >= 0)
    return `${c.name} (${own === 0 ? "labels" : "diagnostics"} written by K-Means${excluded ? "; not used" : ""})`;
  return c.name;
}

/** The scatter chart's axes: principal components by default, or two clustered columns. */
function ScatterAxes({
  options,
  columns,
  disabled,
  onChange,
}: Pick<Props, "options" | "disabled" | "onChange"> & { columns: ColumnInfo[] }) {
  const usable = columns.filter((c) => c.numeric && !options.excludedColumns.includes(c.index));
  if (usable.length < 2) return null;
  const axes = options.scatterColumns;
  const pick = (which: 0 | 1, value: string) => {
    const chosen = Number(value);
    const other = axes ? axes[1 - which] : usable.find((c) => c.index !== chosen)!.index;
    const next: [number, number] = which === 0 ? [chosen, other] : [other, chosen];
    onChange({ ...options, scatterColumns: next });
  };
  return (
    <>
      <Field label="Scatter chart axes">
        <Select
          value={axes ? "columns" : "pca"}
          disabled={disabled}
          onChange={(_, d) =>
            onChange({
              ...options,
              scatterColumns: d.value === "pca" ? null : [usable[0].index, usable[1].index],
            })
          }
        >
          <option value="pca">First two principal components</option>
          <option value="columns">Two columns of my data</option>
        </Select>
      </Field>
      {axes &&
        (["Horizontal axis", "Vertical axis"] as const).map((label, which) => (
          <Field key={label} label={label}>
            <Select
              value={String(axes[which])}
              disabled={disabled}
              onChange={(_, d) => pick(which as 0 | 1, d.value)}
            >
              {usable.map((c) => (
                <option key={c.index} value={String(c.index)}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
        ))}
    </>
  );
}
