import { z } from "zod";
import { hasControlCharacters } from "../shared/text.js";
import { APPROVAL_MODES } from "./tool.js";

export const toolNameSchema = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .refine((name) => !hasControlCharacters(name), "must not contain control characters");

export const toolSettingsInputSchema = z
  .object({ enabled: z.boolean(), approvalMode: z.enum(APPROVAL_MODES), deferred: z.boolean() })
  .partial()
  .refine((input) => Object.values(input).some((value) => value !== undefined), "must set at least one of enabled, approvalMode, deferred");
