import type { EmbeddedChat } from "../../domain/embedded/embedded-chat.js";
import { builder } from "../builder.js";

const EmbeddedChatRef = builder.objectRef<EmbeddedChat>("EmbeddedChat").implement({
  description:
    "A website that embeds the chat. It signs its users' JWTs (RS256) and encrypts them to `encryptionKey` (JWE, RSA-OAEP-256 or RSA-OAEP with A256GCM); requests send the JWE as `X-Embedded-Token`, and JWT passthrough servers receive the inner JWT.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The embedded chat's id." }),
    name: t.exposeString("name", { description: "Display name." }),
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
    createdAt: t.field({ type: "DateTime", description: "When it was registered.", resolve: (chat) => chat.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "When it last changed.", resolve: (chat) => chat.updatedAt }),
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
  description: "A website that embeds the chat: how to verify its users' tokens.",
  fields: (t) => ({
    name: t.string({ required: true, description: "Display name." }),
    issuer: t.string({ required: true, description: "The `iss` the website's tokens carry." }),
    signingKey: t.string({ required: true, description: signingKeyDescription }),
    ...settable(t),
  }),
});

const UpdateEmbeddedChatInput = builder.inputType("UpdateEmbeddedChatInput", {
  description: "The fields to change; omitted ones keep their values.",
  fields: (t) => ({
    name: t.string({ description: "Display name." }),
    issuer: t.string({ description: "The `iss` the website's tokens carry." }),
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
    args: { input: t.arg({ type: CreateEmbeddedChatInput, required: true, description: "The website to register." }) },
    resolve: (_root, { input }, { caller, services }) => services.embeddedChats.create(caller, input),
  }),
  updateEmbeddedChat: t.field({
    type: EmbeddedChatRef,
    description: "Changes how an embedded chat's tokens are verified (admins).",
    args: {
      id: t.arg.id({ required: true, description: "The embedded chat's id." }),
      input: t.arg({ type: UpdateEmbeddedChatInput, required: true, description: "The fields to change." }),
    },
    resolve: (_root, { id, input }, { caller, services }) => services.embeddedChats.update(caller, id, input),
  }),
  rotateEmbeddedChatEncryptionKey: t.field({
    type: EmbeddedChatRef,
    description: "A new key to encrypt to; the previous one keeps decrypting for EMBEDDED_KEY_GRACE (default 24 h).",
    args: { id: t.arg.id({ required: true, description: "The embedded chat's id." }) },
    resolve: (_root, { id }, { caller, services }) => services.embeddedChats.rotate(caller, id),
  }),
  deleteEmbeddedChat: t.field({
    type: "Boolean",
    description: "Removes an embedded chat (admins); its tokens are refused from then on. True once gone.",
    args: { id: t.arg.id({ required: true, description: "The embedded chat's id." }) },
    resolve: (_root, { id }, { caller, services }) => services.embeddedChats.delete(caller, id),
  }),
}));
