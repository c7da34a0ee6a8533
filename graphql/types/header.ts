import type { SealedSecret } from "../../domain/secrets/sealed-secret.js";
import { builder } from "../builder.js";

/** A header as the API shows it: its name and a masked preview, never its value. */
export const HeaderView = builder.objectRef<{ name: string; value: SealedSecret }>("HeaderView").implement({
  description: "A stored header (or a connector's credential field): its name and a masked preview; the value itself is never shown.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The header name (for a credential field: its key)." }),
    preview: t.string({
      description: "The value masked as ••••, followed by its last four characters when it is at least 12 long.",
      resolve: (header) => header.value.preview,
    }),
  }),
});

export const HeaderInput = builder.inputType("HeaderInput", {
  description: "A header sent to the server. On update, omit `value` to keep the stored one.",
  fields: (t) => ({
    name: t.string({ required: true, description: "The header name." }),
    value: t.string({ description: "Write-only: stored encrypted, shown only as a preview." }),
  }),
});
