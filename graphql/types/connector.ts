import type { Connector } from "../../domain/connectors/connector.js";
import { openApiOf } from "../../domain/connectors/openapi-export.js";
import { builder } from "../builder.js";
import { McpServerRef } from "./mcp-server.js";

const ConnectorRef = builder.objectRef<Connector>("Connector").implement({
  description:
    "A REST API described by a connector descriptor (YAML or JSON). While its mcp_config is enabled it generates an MCP server whose tools are its route mappings.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The descriptor's metadata.slug." }),
    slug: t.exposeString("slug"),
    name: t.exposeString("name"),
    version: t.exposeString("descriptorVersion", { description: "The descriptor's own version (metadata.version)." }),
    revision: t.exposeInt("revision", {
      description: "Counts changes of what the generated server does (operations, authentication, mappings).",
    }),
    description: t.exposeString("description", { nullable: true }),
    descriptor: t.exposeString("descriptorText", { description: "The descriptor as registered." }),
    openApi: t.field({
      type: "JSON",
      description: "Its operations as an OpenAPI 3.1 document.",
      resolve: (connector) => openApiOf(connector.descriptor),
    }),
    mcpEnabled: t.boolean({ resolve: (connector) => connector.descriptor.mcp_config.enabled }),
    server: t.field({
      type: McpServerRef,
      nullable: true,
      description: "The generated MCP server, while MCP is enabled.",
      resolve: (connector, _args, { caller, services }) => (connector.serverId ? services.servers.get(caller, connector.serverId) : null),
    }),
    createdAt: t.field({ type: "DateTime", resolve: (connector) => connector.createdAt }),
    updatedAt: t.field({ type: "DateTime", resolve: (connector) => connector.updatedAt }),
  }),
});

builder.queryFields((t) => ({
  connectors: t.field({
    type: [ConnectorRef],
    description: "Admins: the tenant's connectors.",
    resolve: (_root, _args, { caller, services }) => services.connectors.list(caller),
  }),
  connector: t.field({
    type: ConnectorRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.connectors.get(caller, id),
  }),
}));

builder.mutationFields((t) => ({
  registerConnector: t.field({
    type: ConnectorRef,
    description:
      "Admins: registers a descriptor (YAML or JSON). Every rule is checked first: a violation is BAD_USER_INPUT whose field is its path in the descriptor.",
    args: { descriptor: t.arg.string({ required: true }) },
    resolve: (_root, { descriptor }, { caller, services }) => services.connectors.register(caller, descriptor),
  }),
  updateConnector: t.field({
    type: ConnectorRef,
    description: "Admins: replaces a connector's descriptor (its metadata.slug stays). A change of its operations is a new revision.",
    args: { id: t.arg.id({ required: true }), descriptor: t.arg.string({ required: true }) },
    resolve: (_root, { id, descriptor }, { caller, services }) => services.connectors.update(caller, id, descriptor),
  }),
  deleteConnector: t.boolean({
    description: "Admins: removes a connector and the MCP server it generated.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { caller, services }) => services.connectors.delete(caller, id),
  }),
  importOpenApi: t.field({
    type: ConnectorRef,
    description:
      "Admins: registers a connector made from an OpenAPI 3.x document; `select` names the operationIds to expose as tools (default: all).",
    args: { document: t.arg.string({ required: true }), select: t.arg.stringList() },
    resolve: (_root, { document, select }, { caller, services }) => services.connectors.importOpenApi(caller, document, select),
  }),
}));
