import SchemaBuilder from "@pothos/core";
import RelayPlugin from "@pothos/plugin-relay";
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
}>({
  defaultFieldNullability: false,
  // Relay-style connections for lists that grow; no global object identification (ids are per type).
  plugins: [RelayPlugin],
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    pageInfoTypeOptions: { description: "Where a page of a connection sits: whether more follow, and the cursor to ask for them." },
    hasNextPageFieldOptions: { description: "Whether a page follows this one (ask with after: endCursor)." },
    hasPreviousPageFieldOptions: { description: "Whether a page comes before this one (lists here page forward only: false)." },
    startCursorFieldOptions: { description: "The cursor of this page's first item; null for an empty page." },
    endCursorFieldOptions: {
      description: "The cursor of this page's last item: pass it as after for the next page; null for an empty page.",
    },
    edgesFieldOptions: { description: "This page's items, in order, each with its cursor." },
    pageInfoFieldOptions: { description: "Whether more items follow, and where this page ends." },
    cursorFieldOptions: { description: "Opaque: pass it as after to read the items that follow this one." },
    nodeFieldOptions: { description: "The item." },
    firstArgOptions: { description: "How many items to return (at most 100; default 20)." },
    afterArgOptions: { description: "A cursor from an earlier page: return the items after it." },
    lastArgOptions: { description: "Not supported: lists page forward only (use first)." },
    beforeArgOptions: { description: "Not supported: lists page forward only (use after)." },
  },
});

builder.queryType({
  description: "Reads, within the caller's tenant and limited to what the caller may see. Every request needs a bearer token.",
});
builder.mutationType({
  description:
    "Changes. An expected failure is an error whose extensions.code is FORBIDDEN, NOT_FOUND, BAD_USER_INPUT (with extensions.field), CONFLICT or UPSTREAM_ERROR.",
});
builder.subscriptionType({ description: "Tool calls as they change, pushed to the caller." });
