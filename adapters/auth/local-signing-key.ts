import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import type { TokenVerifierOptions } from "./token-verifier.js";

/** The local server is its own token issuer: one ES256 key in the data dir (mode 0600). */
export const LOCAL_ISSUER = "urn:mcp-control-plane:local";
export const LOCAL_AUDIENCE = "mcp-control-plane";
const ALG = "ES256";

export interface TokenClaims {
  tenant: string;
  sub: string;
  roles: string[];
  agent?: string;
}

export interface LocalSigningKey {
  verifierOptions: TokenVerifierOptions;
  sign(claims: TokenClaims, ttlSeconds?: number): Promise<string>;
}

export async function loadOrCreateSigningKey(dataDir: string): Promise<LocalSigningKey> {
  const path = join(dataDir, "auth-key.json");
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let privateJwk: JWK;
  try {
    privateJwk = JSON.parse(await readFile(path, "utf8")) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), alg: ALG, kid: `local-${Date.now().toString(36)}` };
    try {
      await writeFile(path, JSON.stringify(privateJwk), { mode: 0o600, flag: "wx" });
    } catch (raced) {
      // Another process created it first: use theirs so both trust the same key.
      if ((raced as NodeJS.ErrnoException).code !== "EEXIST") throw raced;
      privateJwk = JSON.parse(await readFile(path, "utf8")) as JWK;
    }
  }
  return signingKeyFromJwk(privateJwk);
}

export async function signingKeyFromJwk(privateJwk: JWK): Promise<LocalSigningKey> {
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, ALG);
  return {
    verifierOptions: { keys: createLocalJWKSet({ keys: [publicJwk] }), issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE },
    sign: ({ tenant, sub, roles, agent }, ttlSeconds = 12 * 3600) =>
      new SignJWT({ tenant, roles, ...(agent ? { agent } : {}) })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid })
        .setSubject(sub)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
  };
}
