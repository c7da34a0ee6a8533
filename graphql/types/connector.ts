import type { Connector } from "../../domain/connectors/connector.js";
import { openApiOf } from "../../domain/connectors/openapi-export.js";
import { builder } from "../builder.js";
import { McpServerRef } from "./mcp-server.js";

export const ConnectorRef = builder.objectRef<Connector>("Connector").implement({
  description:
    "A REST API described by a connector descriptor (YAML or JSON). While its mcp_config is enabled it generates an MCP server whose tools are its route mappings.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The descriptor's metadata.slug." }),
    slug: t.exposeString("slug", { description: "The descriptor's metadata.slug (also its id)." }),
    name: t.exposeString("name", { description: "The descriptor's display name." }),
    version: t.exposeString("descriptorVersion", { description: "The descriptor's own version (metadata.version)." }),
    revision: t.exposeInt("revision", {
      description: "Counts changes of what the generated server does (operations, authentication, mappings).",
    }),
    description: t.exposeString("description", { nullable: true, description: "What the API is for, from the descriptor." }),
    descriptor: t.exposeString("descriptorText", { description: "The descriptor as registered." }),
    openApi: t.field({
      type: "JSON",
      description: "Its operations as an OpenAPI 3.1 document.",
      resolve: (connector) => openApiOf(connector.descriptor),
    }),
    mcpEnabled: t.boolean({
      description: "Whether its mcp_config is enabled: then it has a generated server.",
      resolve: (connector) => connector.descriptor.mcp_config.enabled,
    }),
    server: t.field({
      type: McpServerRef,
      nullable: true,
      description: "The generated MCP server, while MCP is enabled.",
      resolve: (connector, _args, { caller, services }) => (connector.serverId ? services.servers.get(caller, connector.serverId) : null),
    }),
    createdAt: t.field({ type: "DateTime", description: "When it was registered.", resolve: (connector) => connector.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "When it last changed.", resolve: (connector) => connector.updatedAt }),
  }),
});

builder.queryFields((t) => ({
  connectors: t.field({
    type: [ConnectorRef],
    description: "Admins: the tenant's connectors.",
    deprecationReason: "Use connectorsPage: a page at a time.",
    resolve: (_root, _args, { caller, services }) => services.connectors.list(caller),
  }),
  connector: t.field({
    type: ConnectorRef,
    nullable: true,
    description: "Admins: one connector.",
    args: { id: t.arg.id({ required: true, description: "The connector's id (its metadata.slug)." }) },
    resolve: (_root, { id }, { caller, services }) => services.connectors.get(caller, id),
  }),
}));

builder.mutationFields((t) => ({
  registerConnector: t.field({
    type: ConnectorRef,
    description:
      "Admins: registers a descriptor (YAML or JSON). Every rule is checked first: a violation is BAD_USER_INPUT whose field is its path in the descriptor.",
    args: { descriptor: t.arg.string({ required: true, description: "The connector descriptor, as YAML or JSON text." }) },
    resolve: (_root, { descriptor }, { caller, services }) => services.connectors.register(caller, descriptor),
  }),
  updateConnector: t.field({
    type: ConnectorRef,
    description: "Admins: replaces a connector's descriptor (its metadata.slug stays). A change of its operations is a new revision.",
    args: {
      id: t.arg.id({ required: true, description: "The connector's id." }),
      descriptor: t.arg.string({ required: true, description: "The new descriptor, as YAML or JSON text." }),
    },
    resolve: (_root, { id, descriptor }, { caller, services }) => services.connectors.update(caller, id, descriptor),
  }),
  deleteConnector: t.boolean({
    description: "Admins: removes a connector and the MCP server it generated.",
    args: { id: t.arg.id({ required: true, description: "The connector's id." }) },
    resolve: (_root, { id }, { caller, services }) => services.connectors.delete(caller, id),
  }),
  importOpenApi: t.field({
    type: ConnectorRef,
    description:
      "Admins: registers a connector made from an OpenAPI 3.x document; `select` names the operationIds to expose as tools (default: all).",
    args: {
      document: t.arg.string({ required: true, description: "The OpenAPI 3.x document, as YAML or JSON text." }),
      select: t.arg.stringList({ description: "The operationIds to expose as tools; default: every operation with an operationId." }),
    },
    resolve: (_root, { document, select }, { caller, services }) => services.connectors.importOpenApi(caller, document, select),
  }),
}));
