import SchemaBuilder from "@pothos/core";
import type { GraphQLContext } from "./context.js";

/** The one Pothos builder. It defines no types: each file in types/ adds its own. */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({ defaultFieldNullability: false });

builder.queryType({
  description: "Reads, within the caller's tenant and limited to what the caller may see. Every request needs a bearer token.",
});
builder.mutationType({
  description:
    "Changes. An expected failure is an error whose extensions.code is FORBIDDEN, NOT_FOUND, BAD_USER_INPUT (with extensions.field), CONFLICT or UPSTREAM_ERROR.",
});
builder.subscriptionType({ description: "Tool calls as they change, pushed to the caller." });
