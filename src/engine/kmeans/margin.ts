/**
 * Bounds may drift by rounding over hundreds of updates; a point is skipped, or a centre ruled out,
 * only when the bounds clear each other by this relative margin, otherwise the distance is computed
 * exactly as Lloyd computes it. That keeps every label identical to Lloyd's while skipping almost
 * every distance. (A computed distance carries a relative rounding error of about d × 1.1e-16, far
 * inside this margin.)
 */
export const MARGIN = 1e-9;
/** Multiply the side that must be smaller by HI and the side that must be larger by LO. */
export const LO = 1 - MARGIN;
export const HI = 1 + MARGIN;
