import { CodedError, isCodedError } from "../engine";

/**
 * Errors the pane shows as they are: each message says what is wrong with the user's data or workbook and
 * what to do, and the code lets callers branch without matching on text.
 */
export type DataErrorCode =
  | "EMPTY_RANGE"
  | "SINGLE_CELL"
  | "BAD_SHAPE"
  | "NO_NUMERIC_COLUMN"
  | "ALL_COLUMNS_EXCLUDED"
  | "NO_USABLE_ROWS"
  | "NO_VALUES";

/** The selected data cannot be turned into a feature matrix. */
export class DataError extends CodedError<DataErrorCode> {
  constructor(code: DataErrorCode, message: string) {
    super("DataError", code, message);
  }
}

export type WorkbookErrorCode =
  | "MULTI_AREA"
  | "EMPTY_SELECTION"
  | "SOURCE_NOT_FOUND"
  | "LABEL_COLUMN_NOT_EMPTY"
  | "LABEL_COLUMN_CHANGED"
  | "SHEET_PROTECTED"
  | "WORKBOOK_PROTECTED"
  | "SOURCE_SHEET_DELETED"
  | "SOURCE_SHEET_RENAMED"
  | "WRITE_FAILED"
  | "NO_ROOM_FOR_LABELS"
  | "LABEL_COUNT_MISMATCH";

/** The workbook is not in a state the add-in can read from or write to. */
export class WorkbookError extends CodedError<WorkbookErrorCode> {
  constructor(code: WorkbookErrorCode, message: string) {
    super("WorkbookError", code, message);
  }
}

// Errors can cross realms (the worker, jest module registries), so the name is checked, not the class.
export function isDataError(e: unknown): e is DataError {
  return isCodedError(e, "DataError");
}

export function isWorkbookError(e: unknown): e is WorkbookError {
  return isCodedError(e, "WorkbookError");
}
