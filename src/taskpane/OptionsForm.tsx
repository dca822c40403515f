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
import type { ScalingMethod } from "../engine";
import type { ColumnInfo, HeaderChoice } from "../excel/types";
import { K_LIMITS, type PaneOptions } from "./options";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalM },
  columns: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
  legend: { ...typographyStyles.body1Strong, paddingBottom: tokens.spacingVerticalXS },
});

type Props = {
  options: PaneOptions;
  onChange(next: PaneOptions): void;
  columns: ColumnInfo[] | null;
  disabled: boolean;
};

/** SpinButton reports typed text separately from arrow steps; both end up as a number here. */
function spinValue(data: { value?: number | null; displayValue?: string }): number {
  if (data.value !== undefined && data.value !== null) return data.value;
  return Number(data.displayValue);
}

export function OptionsForm({ options, onChange, columns, disabled }: Props) {
  const styles = useStyles();
  const set = <K extends keyof PaneOptions>(key: K, value: PaneOptions[K]) =>
    onChange({ ...options, [key]: value });
  const numberField = (key: "nInit" | "maxIter" | "seed" | "tol", label: string, hint: string) => (
    <Field label={label} hint={hint}>
      <Input
        type="number"
        value={String(options[key])}
        disabled={disabled}
        onChange={(_, d) => set(key, d.value.trim() === "" ? NaN : Number(d.value))}
      />
    </Field>
  );
  return (
    <div className={styles.form}>
      <Switch
        label="Choose k for me"
        checked={options.chooseK}
        disabled={disabled}
        onChange={(_, d) => set("chooseK", d.checked)}
      />
      {options.chooseK ? (
        <div className={styles.row}>
          <Field label="From k">
            <SpinButton
              value={options.kMin}
              min={K_LIMITS.min}
              max={K_LIMITS.max}
              disabled={disabled}
              onChange={(_, d) => set("kMin", spinValue(d))}
            />
          </Field>
          <Field label="To k">
            <SpinButton
              value={options.kMax}
              min={K_LIMITS.min}
              max={K_LIMITS.max}
              disabled={disabled}
              onChange={(_, d) => set("kMax", spinValue(d))}
            />
          </Field>
        </div>
      ) : (
        <Field label="Number of clusters (k)" hint={`From ${K_LIMITS.min} to ${K_LIMITS.max}`}>
          <SpinButton
            value={options.k}
            min={K_LIMITS.min}
            max={K_LIMITS.max}
            disabled={disabled}
            onChange={(_, d) => set("k", spinValue(d))}
          />
        </Field>
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
      <Field label="Header row">
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
              label={c.numeric ? c.name : `${c.name} (not numeric)`}
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
              {numberField(
                "nInit",
                "Initialisations",
                "Runs from different k-means++ starts; the best is kept.",
              )}
              {numberField("maxIter", "Max iterations", "Per run.")}
              {numberField("tol", "Tolerance", "Relative to the data's variance, as in scikit-learn.")}
              {numberField(
                "seed",
                "Seed",
                "The same seed gives the same clusters (scikit-learn's random_state).",
              )}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}

/** The scatter chart's axes: principal components by default, or two clustered columns. */
function ScatterAxes({
  options,
  columns,
  disabled,
  onChange,
}: Omit<Props, "columns"> & { columns: ColumnInfo[] }) {
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
