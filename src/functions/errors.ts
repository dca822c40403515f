/// <reference types="custom-functions-runtime" />
import { CodedError, isAbortError, isEngineError } from "../engine";

/**
 * The Excel errors these functions return. Only #VALUE! and #N/A show a message ("Handle and return errors
 * from your custom function", Microsoft Learn: "You can only return a custom error message with the #VALUE!
 * and #N/A errors"), so every refusal is one of them: an impossible number is #VALUE! with a message saying
 * why, not a bare #NUM!. #NUM! stays in the type for errors built elsewhere, without a message.
 */
export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#N/A";

const WITH_MESSAGE: ReadonlySet<ExcelErrorCode> = new Set(["#VALUE!", "#N/A"]);

/** A problem the user can fix, decided before (or instead of) computing; becomes an Excel error. */
export class FunctionError extends CodedError<ExcelErrorCode> {
  constructor(code: ExcelErrorCode, message: string) {
    super("FunctionError", code, message);
  }
}

export const invalidValue = (message: string) => new FunctionError("#VALUE!", message);
export const notAvailable = (message: string) => new FunctionError("#N/A", message);

/** What a cell shows: Excel's own CustomFunctions.Error in Excel, an object of the same shape elsewhere. */
export type ExcelError = { code: string; message?: string };

/**
 * Builds the error value a function throws or places in a cell. Outside Excel (tests, a plain page) the
 * CustomFunctions global does not exist, so a look-alike stands in; #NUM! gets no message because Excel
 * does not allow one there.
 */
export function excelError(code: ExcelErrorCode, message?: string): ExcelError {
  const text = WITH_MESSAGE.has(code) ? message : undefined;
  if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function") {
    return new CustomFunctions.Error(code as CustomFunctions.ErrorCode, text);
  }
  return text === undefined ? { code } : { code, message: text };
}

const ENGINE_CODES: Record<string, ExcelErrorCode> = {
  BAD_K: "#VALUE!",
  TOO_FEW_SAMPLES: "#VALUE!",
  BAD_SHAPE: "#VALUE!",
  BAD_LABELS: "#VALUE!",
  BAD_OPTION: "#VALUE!",
  NON_FINITE: "#VALUE!",
  OUT_OF_RANGE: "#VALUE!",
  EMPTY_INPUT: "#N/A",
  CANCELLED: "#N/A",
};

/**
 * Any failure as an Excel error. Arguments are checked before computing, so engine errors are rare here;
 * their messages name values and are shown as they are. Anything else is a fault of ours or of the
 * worker, whose JavaScript text would mean nothing in a cell, so it is logged and replaced.
 */
export function toExcelError(e: unknown): ExcelError {
  if (e instanceof FunctionError) return excelError(e.code, e.message);
  if (isEngineError(e)) return excelError(ENGINE_CODES[e.code] ?? "#N/A", e.message);
  if (isAbortError(e)) return excelError("#N/A", "The calculation was cancelled.");
  console.error("K-Means function failed:", e);
  return excelError("#N/A", "K-Means could not compute this result. Recalculate (Ctrl+Alt+F9) to try again.");
}
