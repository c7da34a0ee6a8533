import { CompactEncrypt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../support/clock.js";
import { startWebsite, type Website } from "../support/embedded/website.js";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE_CHAT } from "./embedded-chat-fields.js";
import { CREATE } from "./server-fields.js";
import { APPROVE, CALL_TOOL } from "./tool-call-fields.js";

const clock = manualClock();
let api: TestApi;
let website: Website;
let upstream: SdkServer;
let encryptionKey: Record<string, string>;
let otherTenantKey: Record<string, string>;
const accepted: string[] = [];
const received: string[] = [];

/** callTool as `caller`, with an X-Embedded-Token when given. */
async function call(caller: typeof alice, qualifiedName: string, embedded?: string, args: Record<string, unknown> = { message: "hi" }) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${await api.tokenFor(caller)}`,
    ...(embedded ? { "x-embedded-token": embedded } : {}),
  };
  return api.post(JSON.stringify({ query: CALL_TOOL, variables: { input: { qualifiedName, arguments: args } } }), headers);
}
const validToken = async () => website.encrypt(await website.sign({ at: clock.now() }), encryptionKey);

beforeAll(async () => {
  api = await startTestApi({ clock });
  website = await startWebsite();
  upstream = await startSdkServer({
    // A JWT passthrough server as the product describes it: it trusts the website's key, not the platform.
    authorize: async (authorization) => {
      const jwt = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
      received.push(jwt);
      const verified = await website.verify(jwt).catch(() => undefined);
      if (verified) accepted.push(String(verified.payload.sub));
      return verified !== undefined;
    },
  });
  const chatInput = { name: "Shop", issuer: website.issuer, audience: website.audience, signingKey: website.publicPem };
  encryptionKey = (await api.gql(alice, CREATE_CHAT, { input: chatInput })).body.data!.createEmbeddedChat.encryptionKey;
  otherTenantKey = (await api.gql(mallory, CREATE_CHAT, { input: chatInput })).body.data!.createEmbeddedChat.encryptionKey;
  await api.gql(alice, CREATE, { input: { name: "Shop Tools", url: upstream.url, authType: "JWT_PASSTHROUGH" } });
});
afterAll(async () => {
  await api.close();
  await upstream.close();
});

describe("embedded chat JWT passthrough", () => {
  it("decrypts and verifies the embedded token and sends the website's JWT, which the server verifies with the website's key", async () => {
    const jwt = await website.sign({ at: clock.now(), subject: "shopper-7" });
    const result = await call(bob, "mcp__shop_tools__echo", await website.encrypt(jwt, encryptionKey));
    expect(result.body.data!.callTool).toMatchObject({ status: "SUCCEEDED", result: { content: [{ text: "hi" }] } });
    expect(accepted.at(-1)).toBe("shopper-7");
    expect(received.at(-1)).toBe(jwt);
  });

  it("fails closed without an embedded token: nothing reaches the server", async () => {
    const before = upstream.state.requestHeaders.length;
    const result = await call(bob, "mcp__shop_tools__echo");
    expect(result.body.data!.callTool).toMatchObject({ status: "FAILED", error: expect.stringContaining("X-Embedded-Token") });
    expect(upstream.state.requestHeaders.length).toBe(before);
  });

  const refusals: Array<[string, () => Promise<string>, string]> = [
    [
      "a key id the tenant does not have",
      async () =>
        website.encrypt(await website.sign({ at: clock.now() }), encryptionKey, { kid: `${encryptionKey.kid!.split(".")[0]}.nope` }),
      "UNKNOWN_KEY",
    ],
    ["an expired token", async () => website.encrypt(await website.sign({ at: clock.now(), expiresIn: -10 }), encryptionKey), "EXPIRED"],
    [
      "a token older than the chat allows",
      async () => website.encrypt(await website.sign({ at: clock.now(), issuedAgo: 600, expiresIn: 60 }), encryptionKey),
      "TOO_OLD",
    ],
    [
      "another issuer",
      async () => website.encrypt(await website.sign({ at: clock.now(), issuer: "https://evil.example.com" }), encryptionKey),
      "WRONG_ISSUER",
    ],
    [
      "another audience",
      async () => website.encrypt(await website.sign({ at: clock.now(), audience: "someone-else" }), encryptionKey),
      "WRONG_AUDIENCE",
    ],
    [
      "alg none inside",
      async () => website.encrypt(await website.sign({ at: clock.now(), alg: "none" }), encryptionKey),
      "ALGORITHM_NOT_ALLOWED",
    ],
    [
      "HS256 inside",
      async () => website.encrypt(await website.sign({ at: clock.now(), alg: "HS256" }), encryptionKey),
      "ALGORITHM_NOT_ALLOWED",
    ],
    [
      "a signature by another key",
      async () => (await startWebsite()).sign({ at: clock.now() }).then((jwt) => website.encrypt(jwt, encryptionKey)),
      "BAD_SIGNATURE",
    ],
    [
      "PBES2 key management",
      async () => encryptWith({ alg: "PBES2-HS256+A128KW", enc: "A256GCM", kid: encryptionKey.kid! }, new TextEncoder().encode("password")),
      "ALGORITHM_NOT_ALLOWED",
    ],
    [
      "dir key management",
      async () => encryptWith({ alg: "dir", enc: "A256GCM", kid: encryptionKey.kid! }, new Uint8Array(32)),
      "ALGORITHM_NOT_ALLOWED",
    ],
    ["compression (zip)", async () => withHeader(await validToken(), { zip: "DEF" }), "COMPRESSION_NOT_ALLOWED"],
    [
      "another content encryption",
      async () => website.encrypt(await website.sign({ at: clock.now() }), encryptionKey, { enc: "A128CBC-HS256" }),
      "ALGORITHM_NOT_ALLOWED",
    ],
    ["a JWS without encryption", async () => website.sign({ at: clock.now() }), "NOT_ENCRYPTED"],
    ["a tampered ciphertext", async () => tamper(await validToken()), "DECRYPTION_FAILED"],
    [
      "a JWE for another tenant's embedded chat",
      async () => website.encrypt(await website.sign({ at: clock.now() }), otherTenantKey),
      "UNKNOWN_KEY",
    ],
    ["garbage", async () => "not-a-token", "MALFORMED"],
  ];

  it.each(refusals)("refuses %s with UNAUTHENTICATED and a reason; nothing reaches the server", async (_row, token, reason) => {
    const before = upstream.state.requestHeaders.length;
    const embedded = await token();
    const result = await call(bob, "mcp__shop_tools__echo", embedded);
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason });
    expect(upstream.state.requestHeaders.length).toBe(before);
    expect(api.logs.join("\n")).not.toContain(embedded.slice(-40));
  });
});

describe("approvals with an embedded token", () => {
  it("runs an approved call with the token that came with it, kept sealed while it waited", async () => {
    const jwt = await website.sign({ at: clock.now(), subject: "shopper-approval" });
    const pending = (await call(bob, "mcp__shop_tools__write_note", await website.encrypt(jwt, encryptionKey), { text: "hello" })).body
      .data!.callTool;
    expect(pending.status).toBe("PENDING_APPROVAL");
    expect(JSON.stringify(await api.table.rawItems())).not.toContain(jwt.split(".")[2]);
    const approved = (await api.gql(bob, APPROVE, { id: pending.id })).body.data!.approveToolCall;
    expect(approved).toMatchObject({ status: "SUCCEEDED", result: { content: [{ text: "stored: hello" }] } });
    expect(received.at(-1)).toBe(jwt);
    expect(accepted.at(-1)).toBe("shopper-approval");
    const stored = (await api.table.rawItems()).find((item: any) => item.id?.S === pending.id);
    expect(stored?.waitingToken).toEqual({ NULL: true });
  });

  it("refuses to run it, clearly, when that token expired while the call waited", async () => {
    const jwt = await website.sign({ at: clock.now(), expiresIn: 60 });
    const pending = (await call(bob, "mcp__shop_tools__write_note", await website.encrypt(jwt, encryptionKey), { text: "late" })).body.data!
      .callTool;
    clock.advance(120_000);
    const before = upstream.state.requestHeaders.length;
    const approved = (await api.gql(bob, APPROVE, { id: pending.id })).body.data!.approveToolCall;
    expect(approved).toMatchObject({ status: "FAILED", error: expect.stringContaining("expired before it was approved") });
    expect(upstream.state.requestHeaders.length).toBe(before);
  });
});

/** A JWE with a header the website's fixture would never write (jose refuses to encrypt some of these itself). */
async function encryptWith(header: Record<string, string>, key: Uint8Array) {
  return new CompactEncrypt(new TextEncoder().encode(await website.sign({ at: clock.now() })))
    .setProtectedHeader(header as never)
    .encrypt(key);
}
function withHeader(jwe: string, extra: Record<string, string>) {
  const [header, ...rest] = jwe.split(".");
  const decoded = JSON.parse(Buffer.from(header!, "base64url").toString()) as Record<string, string>;
  return [Buffer.from(JSON.stringify({ ...decoded, ...extra })).toString("base64url"), ...rest].join(".");
}
function tamper(jwe: string) {
  const parts = jwe.split(".");
  const ciphertext = Buffer.from(parts[3]!, "base64url");
  ciphertext[0] = ciphertext[0]! ^ 1;
  parts[3] = ciphertext.toString("base64url");
  return parts.join(".");
}
