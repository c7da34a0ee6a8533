import type { SealedSecret } from "../../domain/secrets/sealed-secret.js";
import { builder } from "../builder.js";

/** A header as the API shows it: its name and a masked preview, never its value. */
export const HeaderView = builder.objectRef<{ name: string; value: SealedSecret }>("HeaderView").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    preview: t.string({ resolve: (header) => header.value.preview }),
  }),
});

export const HeaderInput = builder.inputType("HeaderInput", {
  description: "A header sent to the server. On update, omit `value` to keep the stored one.",
  fields: (t) => ({
    name: t.string({ required: true }),
    value: t.string({ description: "Write-only: stored encrypted, shown only as a preview." }),
  }),
});
