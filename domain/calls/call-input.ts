import { z } from "zod";

export const callToolInputSchema = z.object({
  qualifiedName: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters"),
  // Arrives through an untyped JSON input: any value is accepted by type and must prove to be an object here. Checked,
  // not rebuilt: a record schema would drop a key such as `__proto__`, which is the caller's data like any other.
  arguments: z
    .unknown()
    .refine((value) => typeof value === "object" && value !== null && !Array.isArray(value), "must be a JSON object")
    .transform((value) => value as Record<string, unknown>)
    .default({}),
  /** Names the call for retries (IdempotencyKeys). */
  idempotencyKey: z.string().min(1, "must not be empty").max(255, "must be at most 255 characters").optional(),
});

export const rejectionReasonSchema = z.string().max(500, "must be at most 500 characters").optional();
