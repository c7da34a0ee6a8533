import { z } from "zod";

export const callToolInputSchema = z.object({
  qualifiedName: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters"),
  arguments: z.record(z.string(), z.unknown()).default({}),
  agentId: z.string().optional(),
});

export const rejectionReasonSchema = z.string().max(500, "must be at most 500 characters").optional();
