import { generateKeyPairSync } from "node:crypto";
import { exportSPKI, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../support/clock.js";
import { startWebsite, type Website } from "../support/embedded/website.js";
import { alice, bob, mallory, startTestApi, type TestApi } from "../support/test-api.js";
import { CHATS, CREATE_CHAT, DELETE_CHAT, ROTATE_CHAT, UPDATE_CHAT } from "./embedded-chat-fields.js";

const clock = manualClock();
let api: TestApi;
let website: Website;

const errorOf = (result: Awaited<ReturnType<TestApi["gql"]>>) => result.body.errors?.[0];
const create = async (input: Record<string, unknown>, caller = alice) =>
  api.gql(caller, CREATE_CHAT, {
    input: { name: "Shop", issuer: website.issuer, audience: website.audience, signingKey: website.publicPem, ...input },
  });

beforeAll(async () => {
  api = await startTestApi({ clock, embeddedKeyGraceMs: 60 * 60_000 });
  website = await startWebsite();
});
afterAll(() => api.close());

describe("managing embedded chats", () => {
  it("creates one with a fresh platform encryption key, whose private half is never shown or stored in clear", async () => {
    const chat = (await create({})).body.data!.createEmbeddedChat;
    expect(chat).toMatchObject({ name: "Shop", issuer: website.issuer, audience: "mcp-tools", maxTokenAgeSeconds: 300, version: 1 });
    expect(chat.encryptionKey).toMatchObject({ kty: "RSA", alg: "RSA-OAEP-256", use: "enc", kid: chat.acceptedKeyIds[0] });
    expect(chat.encryptionKey).not.toHaveProperty("d");
    expect(chat.signingKey).toEqual({ kty: "RSA", n: website.publicJwk.n, e: website.publicJwk.e, alg: "RS256", use: "sig" });
    const stored = JSON.stringify(await api.table.rawItems());
    expect(stored).not.toMatch(/"d":"/);
    expect(stored).not.toContain('\\"d\\"');
  });

  it("takes the website's key as a JWK too", async () => {
    const chat = (await create({ name: "Jwk", signingKey: JSON.stringify(website.publicJwk) })).body.data!.createEmbeddedChat;
    expect(chat.signingKey.n).toBe(website.publicJwk.n);
  });

  it.each([
    ["a private key", async () => JSON.stringify(website.privateJwk), "must be a public key; never send a private key"],
    ["an EC key", async () => exportSPKI((await generateKeyPair("ES256", { extractable: true })).publicKey), "must be an RSA key"],
    [
      "a 1024-bit RSA key",
      async () => generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString(),
      "must be at least 2048 bits",
    ],
    ["text that is no key", async () => "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----", "must be an RSA public key"],
  ])("refuses %s as the signing key, storing nothing", async (_row, key, message) => {
    const before = (await api.table.rawItems()).length;
    const error = errorOf(await create({ name: "Bad", signingKey: await key() }));
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "signingKey" });
    expect(error?.message).toContain(message);
    expect((await api.table.rawItems()).length).toBe(before);
  });

  it.each([
    ["name", { name: "" }],
    ["issuer", { issuer: "" }],
    ["maxTokenAgeSeconds", { maxTokenAgeSeconds: 5 }],
    ["audience", { audience: "a\u0000b" }],
  ])("refuses a bad %s", async (field, input) => {
    expect(errorOf(await create(input))?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("is for admins only, and tenants do not see each other's", async () => {
    expect(errorOf(await create({}, bob))?.extensions?.code).toBe("FORBIDDEN");
    expect(errorOf(await api.gql(bob, CHATS))?.extensions?.code).toBe("FORBIDDEN");
    const ours = (await api.gql(alice, CHATS)).body.data!.embeddedChats;
    expect(ours.length).toBeGreaterThan(0);
    expect((await api.gql(mallory, CHATS)).body.data!.embeddedChats).toEqual([]);
    expect(errorOf(await api.gql(mallory, DELETE_CHAT, { id: ours[0].id }))?.extensions?.code).toBe("NOT_FOUND");
  });

  it("updates with optimistic versions and deletes", async () => {
    const chat = (await create({ name: "Temp" })).body.data!.createEmbeddedChat;
    const updated = (await api.gql(alice, UPDATE_CHAT, { id: chat.id, input: { maxTokenAgeSeconds: 60, expectedVersion: 1 } })).body.data!
      .updateEmbeddedChat;
    expect(updated).toMatchObject({ maxTokenAgeSeconds: 60, version: 2 });
    expect(errorOf(await api.gql(alice, UPDATE_CHAT, { id: chat.id, input: { name: "X", expectedVersion: 1 } }))?.extensions?.code).toBe(
      "CONFLICT",
    );
    expect((await api.gql(alice, DELETE_CHAT, { id: chat.id })).body.data!.deleteEmbeddedChat).toBe(true);
    expect(errorOf(await api.gql(alice, DELETE_CHAT, { id: chat.id }))?.extensions?.code).toBe("NOT_FOUND");
  });

  it("rotates: the new key is the one to encrypt to, the previous one decrypts until the grace period ends", async () => {
    const chat = (await create({ name: "Rotating" })).body.data!.createEmbeddedChat;
    const rotated = (await api.gql(alice, ROTATE_CHAT, { id: chat.id })).body.data!.rotateEmbeddedChatEncryptionKey;
    expect(rotated.encryptionKey.kid).not.toBe(chat.encryptionKey.kid);
    expect(rotated.acceptedKeyIds).toEqual([rotated.encryptionKey.kid, chat.encryptionKey.kid]);
    const verify = (key: Record<string, unknown>) =>
      website
        .sign({ at: clock.now() })
        .then((jwt) => website.encrypt(jwt, key))
        .then((jwe) => api.services.embeddedTokens.verify("acme", jwe));
    await expect(verify(chat.encryptionKey)).resolves.toMatchObject({ chatId: chat.id, subject: "shopper-42" });
    await expect(verify(rotated.encryptionKey)).resolves.toMatchObject({ chatId: chat.id });
    clock.advance(61 * 60_000);
    await expect(verify(chat.encryptionKey)).rejects.toMatchObject({ code: "UNAUTHENTICATED", reason: "UNKNOWN_KEY" });
    await expect(verify(rotated.encryptionKey)).resolves.toMatchObject({ chatId: chat.id });
    const again = (await api.gql(alice, ROTATE_CHAT, { id: chat.id })).body.data!.rotateEmbeddedChatEncryptionKey;
    expect(again.acceptedKeyIds).toEqual([again.encryptionKey.kid, rotated.encryptionKey.kid]);
  });
});
