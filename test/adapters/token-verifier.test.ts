import { base64url, decodeJwt, generateKeyPair, importJWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signingKeyFromJwk } from "../../adapters/auth/local-signing-key.js";
import { createTokenVerifier } from "../../adapters/auth/token-verifier.js";
import type { Authenticate } from "../../domain/ports/authenticator.js";
import { testIssuer } from "../support/tokens.js";

const claims = { tenant: "acme", sub: "alice", roles: ["admin"], agent: "support-bot" };
const unauthenticated = expect.objectContaining({ code: "UNAUTHENTICATED" });

describe("createTokenVerifier", () => {
  let issuer: Awaited<ReturnType<typeof testIssuer>>;
  let authenticate: Authenticate;

  beforeAll(async () => {
    issuer = await testIssuer();
    authenticate = createTokenVerifier(issuer.verifierOptions);
  });

  it("accepts a valid ES256 token and returns its caller and the token's expiry, without the token (it never goes further)", async () => {
    const token = await issuer.sign(claims, 600);
    const caller = await authenticate(`Bearer ${token}`);
    const { exp } = decodeJwt(token);
    expect(caller).toEqual({
      userId: "alice",
      tenantId: "acme",
      roles: ["admin"],
      agentId: "support-bot",
      tokenExpiresAt: new Date(exp! * 1000).toISOString(),
    });
  });

  it.each([null, "", "Bearer", "Basic YWxpY2U6cHc=", "Bearer not-a-jwt!", "bearer"])("refuses the header %j", async (header) => {
    await expect(authenticate(header)).rejects.toEqual(unauthenticated);
  });

  it("refuses an expired token", async () => {
    const expired = await new SignJWT({ tenant: "acme", roles: [] })
      .setProtectedHeader({ alg: "ES256" })
      .setSubject("alice")
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(await importJWK(issuer.privateJwk, "ES256"));
    await expect(authenticate(`Bearer ${expired}`)).rejects.toEqual(
      expect.objectContaining({ code: "UNAUTHENTICATED", message: "The token has expired" }),
    );
  });

  it("refuses a token signed by another key", async () => {
    const other = await testIssuer();
    await expect(authenticate(`Bearer ${await other.sign(claims)}`)).rejects.toEqual(unauthenticated);
  });

  it("refuses alg: none", async () => {
    const header = base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }));
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(JSON.stringify({ ...claims, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now, exp: now + 600 }));
    await expect(authenticate(`Bearer ${header}.${payload}.`)).rejects.toEqual(unauthenticated);
  });

  it("refuses an HS256 token keyed with the public key (algorithm confusion)", async () => {
    const { d: _d, ...publicJwk } = issuer.privateJwk;
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject("alice")
      .setExpirationTime("1h")
      .sign(secret);
    await expect(authenticate(`Bearer ${forged}`)).rejects.toEqual(unauthenticated);
  });

  it("refuses a token for another issuer or audience, or without exp", async () => {
    const key = await importJWK(issuer.privateJwk, "ES256");
    const base = () => new SignJWT(claims).setProtectedHeader({ alg: "ES256" }).setSubject("alice");
    const wrongIssuer = await base().setIssuer("https://evil.example").setAudience(LOCAL_AUDIENCE).setExpirationTime("1h").sign(key);
    const wrongAudience = await base().setIssuer(LOCAL_ISSUER).setAudience("other-api").setExpirationTime("1h").sign(key);
    const noExpiry = await base().setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).sign(key);
    for (const token of [wrongIssuer, wrongAudience, noExpiry]) {
      await expect(authenticate(`Bearer ${token}`)).rejects.toEqual(unauthenticated);
    }
  });

  it("refuses a valid signature over claims of the wrong shape (a tenant that could spell a key)", async () => {
    const token = await issuer.sign({ ...claims, tenant: "acme#SERVERS" });
    await expect(authenticate(`Bearer ${token}`)).rejects.toEqual(unauthenticated);
  });

  it("refuses an RS256 token from an unknown key even with a matching kid", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "test" })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setSubject("alice")
      .setExpirationTime("1h")
      .sign(privateKey);
    await expect(authenticate(`Bearer ${token}`)).rejects.toEqual(unauthenticated);
  });

  it("says a token signed by a key it does not hold is so, when told how to put it (the local server names its data dir)", async () => {
    const other = await testIssuer();
    const token = await other.sign(claims);
    const say = "The token is signed by another key";
    await expect(authenticate(`Bearer ${token}`)).rejects.toMatchObject({ message: "The token is invalid" });
    const local = createTokenVerifier({ ...issuer.verifierOptions, unknownKeyMessage: say });
    await expect(local(`Bearer ${token}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: say });
    // Same kid, another key: the signature fails (above). Another kid: the key set has no match for it (here).
    const renamed = await signingKeyFromJwk({ ...other.privateJwk, kid: "elsewhere" });
    await expect(local(`Bearer ${await renamed.sign(claims)}`)).rejects.toMatchObject({ message: say });
    // An expired token of its own key is still "expired", not "another key".
    await expect(local(`Bearer ${await issuer.sign(claims, -60)}`)).rejects.toMatchObject({ message: "The token has expired" });
  });
});
