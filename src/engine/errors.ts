/** Codes callers can branch on; messages name the offending values, as scikit-learn's do. */
export type EngineErrorCode =
  | "EMPTY_INPUT"
  | "NON_FINITE"
  | "OUT_OF_RANGE"
  | "BAD_SHAPE"
  | "BAD_K"
  | "TOO_FEW_SAMPLES"
  | "BAD_OPTION"
  | "BAD_LABELS"
  | "CANCELLED";

export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = "EngineError";
    this.code = code;
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof Error && e.name === "EngineError" && typeof (e as EngineError).code === "string";
}
