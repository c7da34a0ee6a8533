import { z } from "zod";

export const callToolInputSchema = z.object({
  qualifiedName: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters"),
  // Arrives through an untyped JSON input: any value is accepted by type and must prove to be an object here.
  arguments: z.unknown().pipe(z.record(z.string(), z.unknown())).default({}),
  /** Names the call for retries (IdempotencyKeys). */
  idempotencyKey: z.string().min(1, "must not be empty").max(255, "must be at most 255 characters").optional(),
});

export const rejectionReasonSchema = z.string().max(500, "must be at most 500 characters").optional();
