import { z } from "zod";
import { hasControlCharacters } from "./text.js";

/** A name people read in lists: trimmed, 1-100 characters, no control characters. */
export const displayNameSchema = z
  .string()
  .transform((name) => name.trim())
  .pipe(
    z
      .string()
      .min(1, "must not be empty")
      .max(100, "must be at most 100 characters")
      .refine((name) => !hasControlCharacters(name), "must not contain control characters"),
  );
