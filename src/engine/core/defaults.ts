/** The seed every caller gets unless it names one: the seed tutorial's random_state=42. */
export const DEFAULT_SEED = 42;
/** Initialisations for k-means++ and random: 10, as the tutorial and scikit-learn before 1.4 use. */
export const DEFAULT_N_INIT = 10;
export const DEFAULT_MAX_ITER = 300;
export const DEFAULT_TOL = 1e-4;
