/** The first way `args` breaks `schema`, as a dotted field path and a message; null when they fit. */
export type ArgumentValidator = (
  schema: Record<string, unknown>,
  args: Record<string, unknown>,
) => Promise<{ field: string; message: string } | null>;
