/** Object keys sorted at every depth, so `{a, b}` and `{b, a}` are the same value. */
export const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([key, each]) => [key, canonical(each)]),
        )
      : value;

/** Whether two JSON values are equal whatever the order of their keys (a stored map comes back in any order). */
export const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
