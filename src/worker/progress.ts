import type { Progress, ReportProgress } from "../model";

/** At most one message per this many ms (~20 a second): enough for a smooth bar, cheap to post. */
export const PROGRESS_INTERVAL_MS = 50;

/**
 * Wraps a progress sink so fractions never go backwards and messages are throttled by a time check;
 * forced messages (phase changes, the final 1) always pass.
 */
export function createProgressReporter(
  emit: (p: Progress) => void,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): ReportProgress {
  let lastTime = -Infinity;
  let lastFraction = 0;
  return (p, force = false) => {
    const t = now();
    if (!force && t - lastTime < intervalMs) return;
    lastTime = t;
    lastFraction = Math.max(lastFraction, Math.min(1, p.fraction));
    emit({ ...p, fraction: lastFraction });
  };
}
