import type { z } from "zod";
import { badInput } from "./errors.js";

/** Parses input with a zod schema; the first problem becomes BAD_USER_INPUT naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, fieldPrefix = ""): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [fieldPrefix, ...issue.path.map(String)].filter(Boolean).join(".");
  throw badInput(path || "input", issue.message);
}

/** For create, an explicit null means "use the default", as GraphQL clients often send it for unset variables. */
export const withoutNulls = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null));
