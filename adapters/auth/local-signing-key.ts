import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { MalformedKeyFileError } from "../malformed-key-file.js";
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
  /** The key's id (`kid`), which every token it signs names. */
  kid: string;
  /** Where the key lives, and whether this call made it. */
  path?: string;
  created?: boolean;
  verifierOptions: TokenVerifierOptions;
  sign(claims: TokenClaims, ttlSeconds?: number): Promise<string>;
}

export async function loadOrCreateSigningKey(dataDir: string): Promise<LocalSigningKey> {
  const path = join(dataDir, "auth-key.json");
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let text: string;
  let created = false;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    text = JSON.stringify({ ...(await exportJWK(privateKey)), alg: ALG, kid: `local-${Date.now().toString(36)}` });
    try {
      await writeFile(path, text, { mode: 0o600, flag: "wx" });
      created = true;
    } catch (raced) {
      // Another process created it first: use theirs so both trust the same key.
      if ((raced as NodeJS.ErrnoException).code !== "EEXIST") throw raced;
      text = await readFile(path, "utf8");
    }
  }
  try {
    return { ...(await signingKeyFromJwk(JSON.parse(text) as JWK)), path, created };
  } catch (error) {
    throw new MalformedKeyFileError(path, error instanceof Error ? error.message : String(error));
  }
}

export async function signingKeyFromJwk(privateJwk: JWK): Promise<LocalSigningKey> {
  if (typeof privateJwk !== "object" || privateJwk === null || typeof privateJwk.kid !== "string" || !privateJwk.d) {
    throw new TypeError(`not an ${ALG} private JWK with a kid`);
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, ALG);
  return {
    kid: privateJwk.kid,
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
