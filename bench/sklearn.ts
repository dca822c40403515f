import { spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { join } from "path";

export const PYTHON = "/usr/bin/python3";
const SCRIPT = join(__dirname, "sklearn_bench.py");
/** These make this machine's numpy slower than a default install; the timed subprocess runs without them. */
const DROPPED_ENV = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

export type SklearnJob =
  | { name: string; start: number[] }
  | { name: string; seed: number }
  /** silhouette_score of X's first `rows` rows under the int32 labels in the file `labels`. */
  | { name: string; silhouette: { rows: number; labels: string } };

export type SklearnFit = { seconds: number; nIter: number; inertia: number; labels: Int32Array };

export type SklearnScore = { seconds: number; score: number };

export type SklearnRun =
  | {
      ok: true;
      version: string;
      threadpools: string;
      fits: Record<string, SklearnFit>;
      scores: Record<string, SklearnScore>;
    }
  | { ok: false; reason: string };

type ScriptOutput = {
  error?: string;
  sklearn: string;
  numpy: string;
  threadpools: Record<string, string | number>[];
  jobs: Record<string, { seconds: number; n_iter: number; inertia: number; score?: number }>;
};

/** Runs bench/sklearn_bench.py on a float64 file; never throws, a failure becomes { ok: false }. */
export function runSklearn(
  dataPath: string,
  shape: { rows: number; cols: number; k: number },
  jobs: SklearnJob[],
  labelsPrefix: string,
  repeats = 3,
): SklearnRun {
  const spec = { data: dataPath, ...shape, jobs, labelsPrefix, repeats };
  const run = runBenchScript<ScriptOutput>(spec, 600_000);
  if (!run.ok) return run;
  const out = run.out;
  const fits: Record<string, SklearnFit> = {};
  const scores: Record<string, SklearnScore> = {};
  for (const job of jobs) {
    const j = out.jobs[job.name];
    if ("silhouette" in job) {
      scores[job.name] = { seconds: j.seconds, score: j.score! };
      continue;
    }
    const labels = readInt32(`${labelsPrefix}${job.name}.i32`);
    fits[job.name] = { seconds: j.seconds, nIter: j.n_iter, inertia: j.inertia, labels };
  }
  const pools = out.threadpools
    .map((t) => {
      const extra = [t.threading_layer && `layer ${t.threading_layer}`, t.architecture]
        .filter(Boolean)
        .join(", ");
      return `${t.internal_api}${t.version ? ` ${t.version}` : ""} (${t.user_api}, ${t.num_threads} thread${t.num_threads === 1 ? "" : "s"}${extra ? `, ${extra}` : ""})`;
    })
    .join("; ");
  return {
    ok: true,
    version: `scikit-learn ${out.sklearn}, numpy ${out.numpy}`,
    threadpools: pools || "none reported",
    fits,
    scores,
  };
}

function lastLine(s: string | undefined): string {
  const lines = (s ?? "").trim().split("\n");
  return lines[lines.length - 1] ?? "";
}

/**
 * Runs bench/sklearn_bench.py with one JSON argument and parses its JSON output; never throws, a failure
 * (no Python, a crash, unreadable output, the script's own { error }) becomes { ok: false, reason }.
 */
export function runBenchScript<T extends { error?: string }>(
  args: object,
  timeoutMs: number,
): { ok: true; out: T } | { ok: false; reason: string } {
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} not found` };
  const env = { ...process.env };
  for (const name of DROPPED_ENV) delete env[name];
  const p = spawnSync(PYTHON, [SCRIPT, JSON.stringify(args)], {
    env,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 16 << 20,
  });
  if (p.error) return { ok: false, reason: p.error.message };
  if (p.status !== 0) return { ok: false, reason: `exit ${p.status}: ${lastLine(p.stderr)}` };
  let out: T;
  try {
    out = JSON.parse(p.stdout) as T;
  } catch {
    return { ok: false, reason: `unreadable output: ${lastLine(p.stdout)}` };
  }
  if (out.error) return { ok: false, reason: out.error };
  return { ok: true, out };
}

/** An int32 file the script wrote (labels, core indices). */
export function readInt32(path: string): Int32Array {
  const bytes = readFileSync(path);
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
