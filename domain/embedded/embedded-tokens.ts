import type { Clock } from "../ports/clock.js";
import type { EmbeddedChatStore } from "../ports/embedded-chat-store.js";
import type { Jose } from "../ports/jose.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import { isRecordId } from "../shared/identifiers.js";
import { TokenRejected } from "../shared/token-rejected.js";
import { acceptingKey, chatIdOfKid, type EmbeddedIdentity } from "./embedded-chat.js";

export interface EmbeddedTokensDeps {
  store: EmbeddedChatStore;
  jose: Jose;
  secrets: Secrets;
  clock: Clock;
  keyGraceMs: number;
}

/** The only algorithms an embedded token may use: RSA key transport to the platform's key, AES-GCM content, an RS256 JWS inside. */
const KEY_MANAGEMENT = ["RSA-OAEP-256", "RSA-OAEP"];
const CONTENT_ENCRYPTION = ["A256GCM"];
const SIGNATURES = ["RS256"];
/** Larger than any real JWT a website signs; refused before any work. */
const MAX_TOKEN_LENGTH = 16_384;

/**
 * Checks an `X-Embedded-Token`: a JWE the website encrypted to one of its embedded chat's keys
 * (found by `kid`, within the caller's tenant only), around a JWS the website signed. Anything
 * else is UNAUTHENTICATED with a reason; nothing of the token is kept but the verified JWT.
 */
export class EmbeddedTokens {
  constructor(private readonly deps: EmbeddedTokensDeps) {}

  async verify(tenantId: string, token: string): Promise<EmbeddedIdentity> {
    const { jose, clock } = this.deps;
    if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejected("MALFORMED");
    const header = jose.jweHeader(token);
    if (header.zip !== undefined) throw new TokenRejected("COMPRESSION_NOT_ALLOWED");
    if (!KEY_MANAGEMENT.includes(String(header.alg)) || !CONTENT_ENCRYPTION.includes(String(header.enc))) {
      throw new TokenRejected("ALGORITHM_NOT_ALLOWED");
    }
    const kid = typeof header.kid === "string" ? header.kid : "";
    const chatId = chatIdOfKid(kid);
    const chat = isRecordId(chatId) ? await this.deps.store.get(tenantId, chatId) : undefined;
    const key = chat && acceptingKey(chat, kid, clock.now(), this.deps.keyGraceMs);
    if (!chat || !key) throw new TokenRejected("UNKNOWN_KEY");

    const privateJwk = await this.deps.secrets.open(secretSlots.embeddedChat(tenantId, chat.id).encryptionKey(kid), key.privateKey);
    const jwt = await jose.decrypt(token, privateJwk, { algorithms: KEY_MANAGEMENT, encryptions: CONTENT_ENCRYPTION });
    const claims = await jose.verify(jwt, chat.signingKey, {
      algorithms: SIGNATURES,
      issuer: chat.issuer,
      ...(chat.audience ? { audience: chat.audience } : {}),
      maxTokenAgeSeconds: chat.maxTokenAgeSeconds,
      requiredClaims: ["exp", "iat", "sub"],
      now: clock.now(),
    });
    return { chatId: chat.id, jwt, subject: String(claims.sub), expiresAt: new Date(Number(claims.exp) * 1000).toISOString() };
  }
}
