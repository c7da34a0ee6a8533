import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAs } from "../../domain/access/actor.js";
import { Secrets } from "../../domain/secrets/secrets.js";
import { callerFromClaims } from "../../domain/shared/caller.js";
import { HeaderRenderer } from "../../domain/upstream/render-headers.js";
import { alice, bob, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE } from "./server-fields.js";
import { CREATE_CONNECTION } from "./connection-fields.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function server(input: Record<string, unknown>) {
  const result = await api.gql(alice, CREATE, { input: { url: "https://mcp.example.com/mcp", ...input } });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.createMcpServer.id as string;
}
async function connect(input: Record<string, unknown>, as = alice) {
  const result = await api.gql(as, CREATE_CONNECTION, { input });
  expect(result.body.errors).toBeUndefined();
}
/** What would be sent for `claims` calling the server: the target of an upstream session, as a call would open it. */
async function rendered(serverId: string, claims: typeof alice, embeddedJwt?: string) {
  const embedded = embeddedJwt
    ? { chatId: "chat", jwt: embeddedJwt, subject: claims.sub, expiresAt: "2099-01-01T00:00:00.000Z" }
    : undefined;
  const actor = actAs({ ...callerFromClaims(claims), ...(embedded ? { embedded } : {}) });
  const record = await api.services.servers.get(actor, serverId);
  const session = api.upstream.session(actor, await api.services.grants.forServer(actor, record));
  return (await session.target()).headers;
}

describe("renderHeaders", () => {
  it("merges server headers, the connection's extra headers (which win) and the auth header", async () => {
    const id = await server({
      name: "Merge",
      authType: "TOKEN",
      credential: "Bearer server-default-token",
      headers: [
        { name: "X-Org", value: "org-from-server" },
        { name: "X-Region", value: "eu" },
      ],
    });
    await connect({
      serverId: id,
      scope: "USER",
      authorizationScheme: "Token",
      credential: "alice-personal-token",
      extraHeaders: [{ name: "x-region", value: "us" }],
    });
    expect(await rendered(id, alice)).toEqual({
      "X-Org": "org-from-server",
      "x-region": "us",
      Authorization: "Token alice-personal-token",
    });
    // Bob has no connection of his own: the server's own credential, as stored.
    expect(await rendered(id, bob)).toEqual({ "X-Org": "org-from-server", "X-Region": "eu", Authorization: "Bearer server-default-token" });
  });

  it("sends a credential without a scheme as the full value of a custom header", async () => {
    const id = await server({ name: "Api Key", authType: "TOKEN", credential: "Bearer unused-default", authHeaderName: "X-Api-Key" });
    await connect({ serverId: id, scope: "PLATFORM", credential: "platform-api-key-123" });
    expect(await rendered(id, bob)).toEqual({ "X-Api-Key": "platform-api-key-123" });
  });

  it("lets the auth header replace a same-named server header, so it is never sent twice", async () => {
    const id = await server({ name: "Dup", headers: [{ name: "X-Api-Key", value: "from-server-headers" }] });
    await connect({ serverId: id, scope: "USER", headerName: "x-api-key", credential: "from-connection-123" });
    const headers = await rendered(id, alice);
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === "x-api-key")).toHaveLength(1);
    expect(headers["x-api-key"]).toBe("from-connection-123");
  });

  it("never expands %{jwt_token} on other servers; JWT passthrough sends the embedded chat's JWT, never the caller's token", async () => {
    const literal = await server({ name: "Literal", headers: [{ name: "X-Template", value: "%{jwt_token}" }] });
    expect(await rendered(literal, alice, "aaa.bbb.ccc")).toEqual({ "X-Template": "%{jwt_token}" });

    const passthrough = await server({ name: "Passthrough", authType: "JWT_PASSTHROUGH" });
    expect(await rendered(passthrough, alice, "site.jwt.sig")).toEqual({ Authorization: "Bearer site.jwt.sig" });
    await expect(rendered(passthrough, alice)).rejects.toMatchObject({ code: "UPSTREAM_ERROR", message: /X-Embedded-Token/ });
    await expect(rendered(passthrough, alice, "not a jwt\r\nX-Evil: 1")).rejects.toThrow(/embedded chat's verified token/);
  });

  it("replaces %{jwt_token} in a JWT passthrough server's headers, its credential template and a connection's extra headers", async () => {
    const id = await server({
      name: "Templated",
      authType: "JWT_PASSTHROUGH",
      authHeaderName: "X-User-Token",
      credential: "Token %{jwt_token}",
      headers: [{ name: "X-Forwarded-Jwt", value: "jwt=%{jwt_token}" }],
    });
    await connect({ serverId: id, scope: "USER", extraHeaders: [{ name: "X-Twice", value: "%{jwt_token}|%{jwt_token}" }] });
    expect(await rendered(id, alice, "a.b.c")).toEqual({
      "X-Forwarded-Jwt": "jwt=a.b.c",
      "X-Twice": "a.b.c|a.b.c",
      "X-User-Token": "Token a.b.c",
    });
  });

  it("refuses to send a stored value that would split a header line", async () => {
    const id = await server({ name: "Tampered" });
    const caller = callerFromClaims(alice);
    const record = await api.services.servers.get(caller, id);
    const where = { tenant: "acme", record: `server/${id}`, field: "header:x-evil" };
    // Only someone with write access to the table and the key could store this; rendering still refuses it.
    const forged = { ciphertext: await api.cipher.encrypt("a\r\nb", where), preview: "" };
    await expect(
      new HeaderRenderer(new Secrets(api.cipher)).render(
        { ...record, headers: [{ name: "X-Evil", value: forged }] },
        { source: "NONE", connection: null, usable: true, explanation: "" },
      ),
    ).rejects.toThrow(/line break/);
  });
});
