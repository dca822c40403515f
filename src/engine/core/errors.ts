import { CodedError, isCodedError } from "./codedError";

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

export class EngineError extends CodedError<EngineErrorCode> {
  constructor(code: EngineErrorCode, message: string) {
    super("EngineError", code, message);
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return isCodedError(e, "EngineError");
}
