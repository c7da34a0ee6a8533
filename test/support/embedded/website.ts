import { CompactEncrypt, exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";

export interface SignOptions {
  issuer?: string;
  audience?: string;
  subject?: string;
  /** Seconds from now (negative: already expired). */
  expiresIn?: number;
  /** Seconds ago the token was issued. */
  issuedAgo?: number;
  alg?: "RS256" | "HS256" | "none";
  /** The website's clock (default: now). */
  at?: Date;
}

export interface EncryptOptions {
  alg?: string;
  enc?: string;
  kid?: string;
  zip?: string;
}

/**
 * A website that embeds the chat, as its backend would be: it signs its users' JWTs with its own
 * RS256 key and encrypts them (JWE) to the platform key of its embedded chat. Every option bends
 * one rule, for the refusal tests.
 */
export async function startWebsite(issuer = "https://shop.example.com", audience = "mcp-tools") {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const publicPem = await exportSPKI(publicKey);

  async function sign(options: SignOptions = {}): Promise<string> {
    const now = Math.floor((options.at ?? new Date()).getTime() / 1000);
    const claims: JWTPayload = {
      iss: options.issuer ?? issuer,
      aud: options.audience ?? audience,
      sub: options.subject ?? "shopper-42",
      iat: now - (options.issuedAgo ?? 0),
      exp: now + (options.expiresIn ?? 300),
    };
    if (options.alg === "none") return `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`;
    if (options.alg === "HS256")
      return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("a shared secret of 32 bytes!!!!!"));
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT" }).sign(privateKey);
  }

  /** The JWE the chat sends as X-Embedded-Token: `jwt` encrypted to the embedded chat's public key. */
  async function encrypt(jwt: string, encryptionKey: JWK, options: EncryptOptions = {}): Promise<string> {
    const alg = options.alg ?? "RSA-OAEP-256";
    const enc = options.enc ?? "A256GCM";
    const key = await importJWK({ ...encryptionKey, alg }, alg);
    return new CompactEncrypt(new TextEncoder().encode(jwt))
      .setProtectedHeader({ alg, enc, cty: "JWT", kid: options.kid ?? encryptionKey.kid!, ...(options.zip ? { zip: options.zip } : {}) })
      .encrypt(key);
  }

  return {
    issuer,
    audience,
    publicPem,
    publicJwk: await exportJWK(publicKey),
    privateJwk: await exportJWK(privateKey),
    sign,
    encrypt,
    /** What a JWT passthrough MCP server does with what it receives: verify it with the website's public key. */
    verify: (jwt: string) => jwtVerify(jwt, publicKey, { issuer, audience, algorithms: ["RS256"] }),
  };
}

export type Website = Awaited<ReturnType<typeof startWebsite>>;

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
