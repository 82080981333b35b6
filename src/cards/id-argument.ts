import { BadUserInputError } from "../errors";
import { idProblem } from "./validation";

/** BAD_USER_INPUT for an id argument no stored row can have (see idProblem), before any store query. */
export function checkIdArgument(id: unknown, field: string): void {
  const problem = idProblem(id, field);
  if (problem) throw new BadUserInputError([problem]);
}
