import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, type JWTPayload, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebsite } from "../support/embedded/website.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { servePublicEndpoints } from "../support/public-endpoints.js";
import { alice, carol, startTestApi, type TestApi } from "../support/test-api.js";
import type { TokenClaims } from "../support/tokens.js";
import { CREATE_CHAT } from "./embedded-chat-fields.js";
import { CREATE } from "./server-fields.js";
import { CALL_TOOL } from "./tool-call-fields.js";

const ISSUER = "https://control-plane.test";
let api: TestApi;
let publicEndpoints: Awaited<ReturnType<typeof servePublicEndpoints>>;
const verified: Record<string, JWTPayload[]> = { a: [], b: [] };
const presented: Record<string, string[]> = { a: [], b: [] };
let serverA: SdkServer;
let serverB: SdkServer;

/** An MCP server that knows only the platform's JWKS URL and its own URL, as the product docs tell its owners. */
async function identityServer(name: "a" | "b") {
  let audience = "";
  const server = await startSdkServer({
    authorize: async (authorization) => {
      const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
      presented[name]!.push(token);
      const jwks = createRemoteJWKSet(new URL(`${publicEndpoints.url}/.well-known/jwks.json`));
      const result = await jwtVerify(token, jwks, { issuer: ISSUER, audience, algorithms: ["ES256"] }).catch(() => undefined);
      if (result) verified[name]!.push(result.payload);
      return result !== undefined;
    },
  });
  audience = server.url;
  return server;
}
const echo = (caller: TokenClaims, qualifiedName: string) =>
  api.gql(caller, CALL_TOOL, { input: { qualifiedName, arguments: { message: "who am I" } } });

beforeAll(async () => {
  api = await startTestApi();
  publicEndpoints = await servePublicEndpoints(api);
  serverA = await identityServer("a");
  serverB = await identityServer("b");
  for (const [name, server] of [
    ["Identity A", serverA],
    ["Identity B", serverB],
  ] as const) {
    await api.gql(alice, CREATE, { input: { name, url: server.url, authType: "SIGNED_IDENTITY", agentAccess: ["support-bot"] } });
  }
});
afterAll(async () => {
  await api.close();
  await Promise.all([serverA.close(), serverB.close(), publicEndpoints.close()]);
});

describe("signed identity tokens", () => {
  it("are minted per call, verified by the server through the JWKS endpoint, and say who calls", async () => {
    const result = await echo({ ...carol, agent: "support-bot" }, "mcp__identity_a__echo");
    expect(result.body.data!.callTool.status).toBe("SUCCEEDED");
    const claims = verified.a!.at(-1)!;
    expect(claims).toMatchObject({ iss: ISSUER, aud: serverA.url, sub: "carol", tenant: "acme", act: { sub: "support-bot" } });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
    expect(typeof claims.jti).toBe("string");
    await echo({ ...carol, agent: "support-bot" }, "mcp__identity_a__echo");
    expect(verified.a!.at(-1)!.jti).not.toBe(claims.jti);
  });

  it("are bound to their server: a token one server received is refused by another", async () => {
    const stolen = presented.a!.at(-1)!;
    const jwks = createRemoteJWKSet(new URL(`${publicEndpoints.url}/.well-known/jwks.json`));
    await expect(jwtVerify(stolen, jwks, { issuer: ISSUER, audience: serverB.url })).rejects.toThrow(/aud/);
    expect((await echo({ ...carol, agent: "support-bot" }, "mcp__identity_b__echo")).body.data!.callTool.status).toBe("SUCCEEDED");
    expect(verified.b!.at(-1)!.aud).toBe(serverB.url);
  });

  it("keep verifying across a key rotation: the new key is published before it signs, the old one stays", async () => {
    const kidBefore = decodeProtectedHeader(presented.a!.at(-1)!).kid;
    await api.signingKeys.rotate();
    const jwks = (await (await fetch(`${publicEndpoints.url}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.map((key) => key.kid)).toContain(kidBefore);
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys.every((key) => key.d === undefined && key.kty === "EC" && key.alg === "ES256")).toBe(true);
    expect((await echo({ ...carol, agent: "support-bot" }, "mcp__identity_a__echo")).body.data!.callTool.status).toBe("SUCCEEDED");
  });

  it("are refused for a server reached in clear text outside loopback", async () => {
    const result = await api.gql(alice, CREATE, {
      input: { name: "Clear", url: "http://mcp.example.com/mcp", authType: "SIGNED_IDENTITY" },
    });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "url" });
  });
});

describe("the caller's own bearer token", () => {
  it("never reaches any upstream, whatever the server's auth type", async () => {
    const recorder = await startSdkServer();
    const website = await startWebsite();
    const chat = (await api.gql(alice, CREATE_CHAT, { input: { name: "Site", issuer: website.issuer, signingKey: website.publicPem } }))
      .body.data!.createEmbeddedChat;
    const servers = [
      { name: "Plain", authType: "NONE" },
      { name: "Tokened", authType: "TOKEN", credential: "Bearer platform-credential" },
      { name: "Passthrough", authType: "JWT_PASSTHROUGH" },
      { name: "Signed", authType: "SIGNED_IDENTITY" },
    ];
    const bearer = await api.tokenFor(carol);
    for (const server of servers) {
      await api.gql(alice, CREATE, { input: { url: recorder.url, ...server } });
      const embedded = await website.encrypt(await website.sign(), chat.encryptionKey);
      const query = JSON.stringify({
        query: CALL_TOOL,
        variables: { input: { qualifiedName: `mcp__${server.name.toLowerCase()}__echo`, arguments: { message: "x" } } },
      });
      const result = await api.post(query, { authorization: `Bearer ${bearer}`, "x-embedded-token": embedded });
      expect(result.body.data!.callTool.status).toBe("SUCCEEDED");
    }
    const seen = JSON.stringify(recorder.state.requestHeaders);
    expect(recorder.state.requestHeaders.length).toBeGreaterThan(servers.length);
    expect(seen).not.toContain(bearer);
    expect(seen).not.toContain(bearer.split(".")[2]);
    expect(decodeJwt(/Bearer ([\w.-]+)/.exec(JSON.stringify(recorder.state.requestHeaders.at(-1)))![1]!).iss).toBe(ISSUER);
    await recorder.close();
  });
});
