import { builder } from "../builder.js";

builder.queryFields((t) => ({
  agents: t.stringList({
    description:
      "The agent ids the tenant uses, sorted: named in servers' agent access lists, given AGENT connections, or seen acting with an agent token. For access pickers; admins only.",
    resolve: (_root, _args, { caller, services }) => services.agents.list(caller),
  }),
}));
