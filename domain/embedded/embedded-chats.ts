import type { Clock } from "../ports/clock.js";
import type { EmbeddedChatStore } from "../ports/embedded-chat-store.js";
import type { Jose, Jwk } from "../ports/jose.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import { randomToken } from "../shared/base64url.js";
import { type Caller, isAdmin } from "../shared/caller.js";
import { badInput, forbidden, notFound } from "../shared/errors.js";
import { isRecordId } from "../shared/identifiers.js";
import { type InputOf, parseInput, withoutNulls } from "../shared/validation.js";
import { assertExpectedVersion, firstVersion } from "../shared/versioning.js";
import { type EmbeddedChat, type EncryptionKey, keysAfterRotation, newKid } from "./embedded-chat.js";
import { createEmbeddedChatInputSchema, updateEmbeddedChatInputSchema } from "./embedded-chat-input.js";

export interface EmbeddedChatsDeps {
  store: EmbeddedChatStore;
  jose: Jose;
  secrets: Secrets;
  clock: Clock;
  /** How long a rotated-out encryption key keeps decrypting. */
  keyGraceMs: number;
  newId?: () => string;
}

/** Admins registering the websites that embed the chat, and rotating the keys those websites encrypt to. */
export class EmbeddedChats {
  private readonly newId: () => string;

  constructor(private readonly deps: EmbeddedChatsDeps) {
    this.newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  }

  async list(caller: Caller): Promise<EmbeddedChat[]> {
    assertAdmin(caller);
    return (await this.deps.store.list(caller.tenantId)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(caller: Caller, id: string): Promise<EmbeddedChat> {
    assertAdmin(caller);
    const chat = isRecordId(id) ? await this.deps.store.get(caller.tenantId, id) : undefined;
    if (!chat) throw notFound("Embedded chat");
    return chat;
  }

  async create(caller: Caller, rawInput: InputOf<typeof createEmbeddedChatInputSchema>): Promise<EmbeddedChat> {
    assertAdmin(caller);
    const { signingKey, ...input } = parseInput(createEmbeddedChatInputSchema, withoutNulls(rawInput));
    const id = this.newId();
    const now = this.deps.clock.now().toISOString();
    const chat: EmbeddedChat = {
      tenantId: caller.tenantId,
      id,
      ...input,
      signingKey: await this.verificationKey(signingKey),
      encryptionKeys: [await this.newEncryptionKey(caller.tenantId, id)],
      createdBy: caller.userId,
      ...firstVersion(now),
    };
    await this.deps.store.create(chat);
    return chat;
  }

  async update(caller: Caller, id: string, rawInput: InputOf<typeof updateEmbeddedChatInputSchema>): Promise<EmbeddedChat> {
    const input = parseInput(updateEmbeddedChatInputSchema, rawInput);
    const current = await this.get(caller, id);
    assertExpectedVersion("embedded chat", input.expectedVersion, current.version);
    const { expectedVersion: _expected, signingKey, ...changes } = input;
    const next: EmbeddedChat = {
      ...current,
      ...changes,
      ...(signingKey !== undefined ? { signingKey: await this.verificationKey(signingKey) } : {}),
      updatedAt: this.deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    await this.deps.store.update(next, current);
    return next;
  }

  /** A new key to encrypt to; the previous one keeps decrypting for the grace period, so websites can switch without downtime. */
  async rotate(caller: Caller, id: string): Promise<EmbeddedChat> {
    const current = await this.get(caller, id);
    const now = this.deps.clock.now();
    const fresh = await this.newEncryptionKey(caller.tenantId, id);
    const next: EmbeddedChat = {
      ...current,
      encryptionKeys: keysAfterRotation(fresh, current.encryptionKeys, now, this.deps.keyGraceMs),
      updatedAt: now.toISOString(),
      version: current.version + 1,
    };
    await this.deps.store.update(next, current);
    return next;
  }

  async delete(caller: Caller, id: string): Promise<true> {
    await this.deps.store.delete(await this.get(caller, id));
    return true;
  }

  private async verificationKey(pemOrJwk: string): Promise<Jwk> {
    const imported = await this.deps.jose.rsaPublicKey(pemOrJwk);
    if ("problem" in imported) throw badInput("signingKey", imported.problem);
    return imported.jwk;
  }

  private async newEncryptionKey(tenantId: string, chatId: string): Promise<EncryptionKey> {
    const kid = newKid(chatId, randomToken().slice(0, 12));
    const { publicJwk, privateJwk } = await this.deps.jose.newKeyPair("enc", kid);
    const privateKey = await this.deps.secrets.seal(secretSlots.embeddedChat(tenantId, chatId).encryptionKey(kid), privateJwk);
    return { kid, publicJwk, privateKey, createdAt: this.deps.clock.now().toISOString(), retiredAt: null };
  }
}

function assertAdmin(caller: Caller): void {
  if (!isAdmin(caller)) throw forbidden("Only admins manage embedded chats");
}
