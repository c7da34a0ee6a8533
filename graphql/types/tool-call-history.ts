import { builder } from "../builder.js";
import { ToolCallStatusEnum } from "./enums.js";
import { ToolCallRef } from "./tool-call.js";
import { badInput } from "../../domain/shared/errors.js";

const ToolCallFilter = builder.inputType("ToolCallFilter", {
  description: "Narrows toolCalls; every field given must match.",
  fields: (t) => ({
    serverId: t.id({ description: "Calls to this server." }),
    userId: t.string({
      description:
        "Calls acting for this user (members may name only themselves; admins naming themselves read their own calls, private servers included).",
    }),
    agentId: t.string({ description: "Calls made by this agent." }),
    status: t.field({ type: ToolCallStatusEnum, description: "Calls in this status now (a pending call past its deadline is EXPIRED)." }),
    since: t.field({ type: "DateTime", description: "Calls made at or after this instant." }),
    until: t.field({ type: "DateTime", description: "Calls made at or before this instant." }),
  }),
});

builder.queryFields((t) => ({
  toolCalls: t.connection(
    {
      type: ToolCallRef,
      description:
        "The audit trail, newest first, a page at a time (`first` at most 100, default 20; `after` a cursor from an earlier page). Members read their own calls; admins read the tenant's calls on shared servers.",
      args: { filter: t.arg({ type: ToolCallFilter, description: "Which calls to read." }) },
      resolve: async (_root, { filter, first, after, last, before }, { caller, services }) => {
        if (last != null || before != null) throw badInput("last", "toolCalls pages forward only: use first and after");
        const page = await services.callHistory.page(caller, { filter, first, after });
        return {
          edges: page.calls.map(({ call, cursor }) => ({ cursor, node: call })),
          pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: false,
            startCursor: page.calls[0]?.cursor ?? null,
            endCursor: page.calls.at(-1)?.cursor ?? null,
          },
        };
      },
    },
    { name: "ToolCallConnection", description: "A page of tool calls, newest first." },
    { name: "ToolCallEdge", description: "A tool call in a page, with the cursor that follows it." },
  ),
}));
