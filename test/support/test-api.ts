import { randomBytes } from "node:crypto";
import { createTokenVerifier } from "../../adapters/auth/token-verifier.js";
import { LocalCipher } from "../../adapters/crypto/local-cipher.js";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";
import type { Infrastructure } from "../../functions/composition-root.js";
import { type ApiOptions, createApi } from "../../functions/compose/api.js";
import { loadConfig, settingsFromConfig } from "../../functions/config.js";
import { dynaliteTable, type TestTable } from "./dynamo.js";
import { testIssuer, type TokenClaims } from "./tokens.js";

export interface GraphQLResult {
  status: number;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  text: string;
}

/**
 * The real API (yoga + domain + dynalite store + local cipher) without sockets; every log line
 * is kept so tests can scan them.
 */
export type TestApiOptions = Partial<Omit<Infrastructure, "dynamo" | "tableName" | "authenticate" | "logger">> &
  Partial<ApiOptions> & {
    /** Another test API's table and issuer: a second process of the same deployment. */
    sharing?: { table: TestTable; issuer: Awaited<ReturnType<typeof testIssuer>> };
  };

export async function startTestApi(options: TestApiOptions = {}) {
  const { sharing, ...infrastructureOptions } = options;
  const table = sharing?.table ?? (await dynaliteTable());
  const issuer = sharing?.issuer ?? (await testIssuer());
  const logs: string[] = [];
  const {
    cipher = new LocalCipher(randomBytes(32)),
    graphiql = true,
    introspection = true,
    maxBodyBytes = 100_000,
    corsOrigins = [],
    // Off unless a test asks: a check started by a mutation would race the upstream requests tests count.
    checkAfterChange = false,
    ...rest
  } = infrastructureOptions;
  const authenticate = createTokenVerifier(issuer.verifierOptions);
  const api = createApi(
    {
      dynamo: table.dynamo,
      tableName: table.tableName,
      cipher,
      authenticate,
      logger: createJsonLogger({ level: "debug", write: (line) => logs.push(line) }),
      ...settingsFromConfig(loadConfig({}), "https://control-plane.test"),
      // Test MCP servers live on loopback.
      outbound: { allowLoopback: true, allowCidrs: [] },
      mcpRequestTimeoutMs: 10_000,
      checkAfterChange,
      ...rest,
    },
    { graphiql, introspection, maxBodyBytes, corsOrigins },
  );

  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (claims: TokenClaims) => {
    const key = JSON.stringify(claims);
    if (!tokens.has(key)) tokens.set(key, issuer.sign(claims));
    return tokens.get(key)!;
  };

  async function post(body: string, headers: Record<string, string> = {}): Promise<GraphQLResult> {
    const response = await api.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : {} };
  }

  /** Runs a GraphQL operation as the given caller (or anonymously with `null`). */
  async function gql(caller: TokenClaims | null, query: string, variables?: Record<string, unknown>) {
    const headers: Record<string, string> = caller ? { authorization: `Bearer ${await tokenFor(caller)}` } : {};
    return post(JSON.stringify({ query, variables }), headers);
  }

  const close = async () => {
    await api.checks.settled();
    await api.connector.close();
    if (!sharing) await table.close();
  };
  return { ...api, cipher, authenticate, clock: rest.clock, table, issuer, logs, gql, post, tokenFor, close };
}

export type TestApi = Awaited<ReturnType<typeof startTestApi>>;

export const alice = { tenant: "acme", sub: "alice", roles: ["admin"] } satisfies TokenClaims;
export const bob = { tenant: "acme", sub: "bob", roles: [] } satisfies TokenClaims;
export const carol = { tenant: "acme", sub: "carol", roles: [] } satisfies TokenClaims;
export const mallory = { tenant: "globex", sub: "mallory", roles: ["admin"] } satisfies TokenClaims;
