import type { EmbeddedIdentity } from "../embedded/embedded-chat.js";
import type { SealedSecret } from "../secrets/sealed-secret.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";

/** The embedded chat's token a call waiting for approval will run with: sealed at rest, gone once the call is decided. */
export interface WaitingToken {
  readonly jwt: SealedSecret;
  readonly chatId: string;
  readonly subject: string;
  readonly expiresAt: string;
}

/** Keeps the token that came with a call, for when its user approves it. */
export async function sealWaitingToken(
  secrets: Secrets,
  call: { tenantId: string; id: string },
  embedded: EmbeddedIdentity,
): Promise<WaitingToken> {
  const jwt = await secrets.seal(secretSlots.toolCall(call.tenantId, call.id).embeddedToken, embedded.jwt);
  return { jwt, chatId: embedded.chatId, subject: embedded.subject, expiresAt: embedded.expiresAt };
}

/** The token to run an approved call with; "expired" when it lapsed while the call waited. */
export async function openWaitingToken(
  secrets: Secrets,
  call: { tenantId: string; id: string; waitingToken: WaitingToken | null },
  now: Date,
): Promise<EmbeddedIdentity | "expired" | undefined> {
  const waiting = call.waitingToken;
  if (!waiting) return undefined;
  if (now.toISOString() >= waiting.expiresAt) return "expired";
  const jwt = await secrets.open(secretSlots.toolCall(call.tenantId, call.id).embeddedToken, waiting.jwt);
  return { jwt, chatId: waiting.chatId, subject: waiting.subject, expiresAt: waiting.expiresAt };
}
