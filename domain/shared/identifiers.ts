import { z } from "zod";
import { hasControlCharacters } from "./text.js";

/**
 * Identifiers that end up inside DynamoDB keys (`T#<tenant>#...`). Restricting their alphabet is
 * what makes it impossible for one tenant's id to spell a key of another.
 */
export const tenantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -");

/** Users, services and agents come from tokens or inputs and are stored as attributes only. */
export const principalIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be at most 256 characters")
  .refine((id) => !hasControlCharacters(id), "must not contain control characters");

export const agentIdSchema = z.string().regex(/^[A-Za-z0-9_.:@-]{1,128}$/, "must be 1-128 letters, digits or _ . : @ -");

/** Record ids the service mints (UUIDs); anything else cannot name a record and reads as missing. */
export const isRecordId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id);
