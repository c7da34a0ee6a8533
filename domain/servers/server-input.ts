import { z } from "zod";
import { headerListSchema, headerNameSchema, headerValueSchema } from "../shared/http-headers.js";
import { agentIdSchema } from "../shared/identifiers.js";
import { displayNameSchema } from "../shared/display-name.js";
import { SERVER_AUTH_TYPES, TRANSPORTS, VISIBILITIES } from "./server.js";
import { serverUrlSchema } from "./server-url.js";
import { slugSchema } from "./slug.js";

/** null means every agent; an empty list would mean none, which is what `isEnabled: false` is for. */
const agentAccessSchema = z
  .array(agentIdSchema)
  .min(1, "must name at least one agent, or be null for every agent")
  .max(200, "must name at most 200 agents")
  .transform((agents) => [...new Set(agents)]);

const credentialSchema = headerValueSchema;

const settableFields = {
  name: displayNameSchema,
  slug: slugSchema,
  url: serverUrlSchema,
  description: z.string().max(1000, "must be at most 1000 characters").nullable(),
  transport: z.enum(TRANSPORTS),
  authType: z.enum(SERVER_AUTH_TYPES),
  visibility: z.enum(VISIBILITIES),
  isEnabled: z.boolean(),
  isFeatured: z.boolean(),
  agentAccess: agentAccessSchema.nullable(),
  headers: headerListSchema,
  credential: credentialSchema,
  authHeaderName: headerNameSchema,
  toolsCacheEnabled: z.boolean(),
  oauthClientId: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .nullable(),
  oauthClientSecret: headerValueSchema,
  oauthScopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/, "must be a scope token"))
    .max(50)
    .nullable(),
};

export const createServerInputSchema = z.object({
  ...settableFields,
  slug: settableFields.slug.optional(),
  description: settableFields.description.default(null),
  transport: settableFields.transport.default("STREAMABLE_HTTP"),
  authType: settableFields.authType.default("NONE"),
  visibility: settableFields.visibility.optional(),
  isEnabled: settableFields.isEnabled.default(true),
  isFeatured: settableFields.isFeatured.default(false),
  agentAccess: settableFields.agentAccess.default(null),
  headers: settableFields.headers.default([]),
  credential: settableFields.credential.optional(),
  authHeaderName: settableFields.authHeaderName.default("Authorization"),
  toolsCacheEnabled: settableFields.toolsCacheEnabled.default(false),
  oauthClientId: settableFields.oauthClientId.default(null),
  oauthClientSecret: settableFields.oauthClientSecret.optional(),
  oauthScopes: settableFields.oauthScopes.default(null),
});

export const updateServerInputSchema = z.object({ ...settableFields, expectedVersion: z.number().int().min(1) }).partial();

export type CreateServerInput = z.output<typeof createServerInputSchema>;
export type UpdateServerInput = z.output<typeof updateServerInputSchema>;
