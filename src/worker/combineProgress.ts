import { createProgressReporter } from "./progress";
import type { Progress } from "./protocol";

/**
 * One progress stream out of several parts of a job, each weighted by its share of the work (weights sum
 * to 1). Each part's worker already throttles; with several parts running the combined stream is
 * throttled again, so the caller still gets at most ~20 messages a second. The message is the latest part's.
 */
export function combineProgress(
  weights: readonly number[],
  emit: ((p: Progress) => void) | undefined,
): { part(index: number): (p: Progress) => void } {
  const fractions = weights.map(() => 0);
  const report = emit && weights.length > 1 ? createProgressReporter(emit) : emit;
  return {
    part: (index) => (p) => {
      if (!report) return;
      fractions[index] = p.fraction;
      const finished = fractions.every((f) => f >= 1);
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i] * fractions[i];
      // Rounding must neither stop the bar short of 1 nor throttle away the final message.
      report({ ...p, fraction: finished ? 1 : Math.min(total, 1) }, finished);
    },
  };
}
