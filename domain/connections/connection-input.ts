import { z } from "zod";
import { headerListSchema, headerNameSchema, headerValueSchema } from "../shared/http-headers.js";
import { agentIdSchema, principalIdSchema } from "../shared/identifiers.js";
import { CONNECTION_SCOPES } from "./connection.js";

/** An auth-scheme token (RFC 9110): `Bearer`, `Token`, `Basic`, `ApiKey` ... */
const schemeSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,31}$/, "must be a single word such as Bearer or Token");

/** A connector's credential fields: key and secret value (or no value, to keep the stored one on update). */
const fieldListSchema = z
  .array(
    z.object({
      name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a field key such as api_key"),
      value: headerValueSchema.optional(),
    }),
  )
  .max(10, "must have at most 10 fields")
  .superRefine((fields, ctx) => {
    fields.forEach((field, index) => {
      if (fields.findIndex((other) => other.name === field.name) !== index)
        ctx.addIssue({ code: "custom", path: [index, "name"], message: "is repeated" });
    });
  });

const settable = {
  authorizationScheme: schemeSchema.nullable(),
  credential: headerValueSchema,
  headerName: headerNameSchema,
  extraHeaders: headerListSchema,
  fields: fieldListSchema,
  isActive: z.boolean(),
};

export const createConnectionInputSchema = z.object({
  serverId: z.string(),
  scope: z.enum(CONNECTION_SCOPES),
  userId: principalIdSchema.optional(),
  agentId: agentIdSchema.optional(),
  authorizationScheme: settable.authorizationScheme.default(null),
  credential: settable.credential.optional(),
  headerName: settable.headerName.optional(),
  extraHeaders: settable.extraHeaders.default([]),
  fields: settable.fields.default([]),
  isActive: settable.isActive.default(true),
});

export const updateConnectionInputSchema = z.object({ ...settable, expectedVersion: z.number().int().min(1) }).partial();

export type CreateConnectionInput = z.output<typeof createConnectionInputSchema>;
export type UpdateConnectionInput = z.output<typeof updateConnectionInputSchema>;
