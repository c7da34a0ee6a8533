import type { EmbeddedChat } from "../../domain/embedded/embedded-chat.js";
import { builder } from "../builder.js";

const EmbeddedChatRef = builder.objectRef<EmbeddedChat>("EmbeddedChat").implement({
  description:
    "A website that embeds the chat. It signs its users' JWTs (RS256) and encrypts them to `encryptionKey` (JWE, RSA-OAEP-256 or RSA-OAEP with A256GCM); requests send the JWE as `X-Embedded-Token`, and JWT passthrough servers receive the inner JWT.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    issuer: t.exposeString("issuer", { description: "The `iss` its tokens must carry." }),
    audience: t.exposeString("audience", { nullable: true, description: "The `aud` its tokens must carry, when set." }),
    maxTokenAgeSeconds: t.exposeInt("maxTokenAgeSeconds", { description: "How old (by `iat`) a token may be." }),
    encryptionKey: t.field({
      type: "JSON",
      description: "The public JWK (kid, alg, use: enc) the website encrypts to. The private key never leaves the platform.",
      resolve: (chat) => chat.encryptionKeys[0]!.publicJwk,
    }),
    acceptedKeyIds: t.stringList({
      description: "Every kid still decrypted: the current key, and keys rotated out within the grace period (EMBEDDED_KEY_GRACE).",
      resolve: (chat) => chat.encryptionKeys.map((key) => key.kid),
    }),
    signingKey: t.field({ type: "JSON", description: "The website's RS256 public key, as a JWK.", resolve: (chat) => chat.signingKey }),
    createdAt: t.field({ type: "DateTime", resolve: (chat) => chat.createdAt }),
    updatedAt: t.field({ type: "DateTime", resolve: (chat) => chat.updatedAt }),
    version: t.exposeInt("version", { description: "Pass as `expectedVersion` to update only what you read." }),
  }),
});

type InputFields = Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0];
const settable = (t: InputFields) => ({
  audience: t.string({ description: "The `aud` tokens must carry; omit to accept any." }),
  maxTokenAgeSeconds: t.int({ description: "How old (by `iat`) a token may be; default 300." }),
});
const signingKeyDescription = "The website's RS256 public key: PEM (SPKI) or a JWK. A private key is refused.";

const CreateEmbeddedChatInput = builder.inputType("CreateEmbeddedChatInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    issuer: t.string({ required: true, description: "The `iss` the website's tokens carry." }),
    signingKey: t.string({ required: true, description: signingKeyDescription }),
    ...settable(t),
  }),
});

const UpdateEmbeddedChatInput = builder.inputType("UpdateEmbeddedChatInput", {
  fields: (t) => ({
    name: t.string(),
    issuer: t.string(),
    signingKey: t.string({ description: signingKeyDescription }),
    ...settable(t),
    expectedVersion: t.int({ description: "Refuse the update (CONFLICT) unless this is the stored version." }),
  }),
});

builder.queryFields((t) => ({
  embeddedChats: t.field({
    type: [EmbeddedChatRef],
    description: "The tenant's embedded chats (admins).",
    resolve: (_root, _args, { caller, services }) => services.embeddedChats.list(caller),
  }),
}));

builder.mutationFields((t) => ({
  createEmbeddedChat: t.field({
    type: EmbeddedChatRef,
    description: "Registers a website that embeds the chat, and generates the key pair it encrypts its tokens to (admins).",
    args: { input: t.arg({ type: CreateEmbeddedChatInput, required: true }) },
    resolve: (_root, { input }, { caller, services }) => services.embeddedChats.create(caller, input),
  }),
  updateEmbeddedChat: t.field({
    type: EmbeddedChatRef,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateEmbeddedChatInput, required: true }) },
    resolve: (_root, { id, input }, { caller, services }) => services.embeddedChats.update(caller, id, input),
  }),
  rotateEmbeddedChatEncryptionKey: t.field({
    type: EmbeddedChatRef,
    description: "A new key to encrypt to; the previous one keeps decrypting for EMBEDDED_KEY_GRACE (default 24 h).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.embeddedChats.rotate(caller, id),
  }),
  deleteEmbeddedChat: t.field({
    type: "Boolean",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.embeddedChats.delete(caller, id),
  }),
}));
