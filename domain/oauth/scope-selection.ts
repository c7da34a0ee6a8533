/** What is known, at the start of an authorization, about which scopes to ask for. */
export interface ScopeSources {
  /** What an admin configured on the server (`oauthScopes`): it wins. */
  configured: readonly string[] | null;
  /** The `scope` of the server's 401 WWW-Authenticate challenge. */
  challenged: string | undefined;
  /** `scopes_supported` of the server's protected resource metadata. */
  resourceScopes: readonly string[] | undefined;
  /** `scopes_supported` of the authorization server's metadata. */
  advertised: readonly string[] | undefined;
  /** Scopes a 403 `insufficient_scope` asked for since the user last connected (step-up). */
  stepUp: readonly string[] | null;
}

const words = (scope: string | undefined) => (scope ?? "").split(" ").filter(Boolean);

/**
 * The `scope` of an authorization request, as the MCP authorization spec orders it: configured
 * scopes, else the challenge's, else every scope the resource advertises, else none; plus any
 * step-up scopes, and `offline_access` when the authorization server offers it (so a refresh
 * token comes back). Undefined: omit the parameter.
 */
export function scopeToRequest(sources: ScopeSources): string | undefined {
  const base = sources.configured?.length
    ? sources.configured
    : words(sources.challenged).length
      ? words(sources.challenged)
      : (sources.resourceScopes ?? []);
  const offline = sources.advertised?.includes("offline_access") ? ["offline_access"] : [];
  const scopes = [...new Set([...base, ...(sources.stepUp ?? []), ...offline])];
  return scopes.length ? scopes.join(" ") : undefined;
}
