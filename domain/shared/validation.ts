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

/** `T` where every optional field (at any depth) may also be null, as GraphQL clients send it. */
type Nullable<T> = T extends readonly (infer Item)[]
  ? readonly Nullable<Item>[]
  : T extends object
    ? { [K in keyof T]: undefined extends T[K] ? Nullable<T[K]> | null : Nullable<T[K]> }
    : T;

/**
 * What a service accepts: its zod schema's input type (nulls allowed where a field is optional).
 * Typing GraphQL resolvers' arguments against it is what keeps the two from drifting.
 */
export type InputOf<S extends z.ZodType> = Nullable<z.input<S>>;
