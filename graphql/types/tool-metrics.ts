import type { ToolMetricsRow } from "../../domain/calls/tool-metrics.js";
import { builder } from "../builder.js";

const ToolMetricsRef = builder.objectRef<ToolMetricsRow>("ToolMetrics").implement({
  description: "One tool's calls over the period asked for, from counters kept as calls finish.",
  fields: (t) => ({
    serverId: t.exposeID("serverId", { description: "The tool's server." }),
    toolName: t.exposeString("toolName", { description: "The tool's name on its server." }),
    qualifiedName: t.exposeString("qualifiedName", { description: "The name agents call it by (mcp__<slug>__<tool>)." }),
    calls: t.exposeInt("calls", { description: "Calls that ran and finished (SUCCEEDED or FAILED)." }),
    failures: t.exposeInt("failures", { description: "Of those, the ones that FAILED." }),
    rejections: t.exposeInt("rejections", { description: "Calls their user rejected instead of approving." }),
    p50Ms: t.exposeInt("p50Ms", {
      nullable: true,
      description: "Half the calls finished within this many ms (the upper bound of a duration bucket); null without calls.",
    }),
    p95Ms: t.exposeInt("p95Ms", {
      nullable: true,
      description: "95% of the calls finished within this many ms (the upper bound of a duration bucket); null without calls.",
    }),
  }),
});

builder.queryFields((t) => ({
  toolMetrics: t.field({
    type: [ToolMetricsRef],
    description: "Admins: per tool of the servers they may see, calls, failures, rejections and p50/p95 durations, by day since `since`.",
    args: {
      serverId: t.arg.id({ description: "Only this server's tools." }),
      since: t.arg({ type: "DateTime", description: "From this day on (UTC days; default: the last 7 days)." }),
    },
    resolve: (_root, { serverId, since }, { caller, services }) =>
      services.toolMetrics.report(caller, serverId ?? undefined, since ?? undefined),
  }),
}));
