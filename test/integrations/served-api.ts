import { startServedApi } from "../support/http-api.js";
import type { GraphQLResult } from "../support/test-api.js";
import type { TokenClaims } from "../support/tokens.js";

/** The test API on loopback HTTP, with GraphQL and plain GETs sent over the socket as a client would. */
export async function startLoopbackApi() {
  const served = await startServedApi();
  const { api, origin } = served;
  const auth = async (caller: TokenClaims | null): Promise<Record<string, string>> =>
    caller ? { authorization: `Bearer ${await api.tokenFor(caller)}` } : {};

  async function gql(caller: TokenClaims | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult> {
    const response = await fetch(`${origin}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await auth(caller)) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) };
  }

  const get = async (path: string, caller: TokenClaims | null) => fetch(`${origin}${path}`, { headers: await auth(caller) });
  return { api, origin, gql, get, close: served.close };
}

export const errorOf = (result: GraphQLResult) => result.body.errors?.[0];
