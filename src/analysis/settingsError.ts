import { EngineError } from "../engine";
import type { FieldProblem } from "../model";

/** Settings the model's validator refused, as the engine's BAD_OPTION error with the validator's words. */
export function settingsError(problems: FieldProblem[]): EngineError {
  return new EngineError("BAD_OPTION", problems.map((p) => p.message).join(" "));
}
