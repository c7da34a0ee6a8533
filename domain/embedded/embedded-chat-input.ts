import { z } from "zod";
import { displayNameSchema } from "../shared/display-name.js";
import { hasControlCharacters } from "../shared/text.js";

const claimValue = z
  .string()
  .min(1, "must not be empty")
  .max(512, "must be at most 512 characters")
  .refine((value) => !hasControlCharacters(value), "must not contain control characters");

const settable = {
  name: displayNameSchema,
  issuer: claimValue,
  audience: claimValue.nullable(),
  /** PEM (SPKI) or a JWK; checked and turned into a public JWK by the service. */
  signingKey: z.string().min(1, "must not be empty").max(16_384, "must be at most 16384 characters"),
  maxTokenAgeSeconds: z.number().int().min(10, "must be at least 10").max(86_400, "must be at most 86400 (a day)"),
};

export const createEmbeddedChatInputSchema = z.object({
  ...settable,
  audience: settable.audience.default(null),
  maxTokenAgeSeconds: settable.maxTokenAgeSeconds.default(300),
});

export const updateEmbeddedChatInputSchema = z.object({ ...settable, expectedVersion: z.number().int().min(1) }).partial();
