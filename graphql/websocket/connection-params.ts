/** `{ Authorization: "Bearer ..." }` (any case), or `{ token: "..." }`, from graphql-ws connectionParams. */
export function authorizationOf(params: Readonly<Record<string, unknown>> | null | undefined): string | null {
  const header = Object.entries(params ?? {}).find(([name]) => name.toLowerCase() === "authorization")?.[1];
  if (typeof header === "string") return header;
  return typeof params?.token === "string" ? `Bearer ${params.token}` : null;
}
