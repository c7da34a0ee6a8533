import type { IntegrationView } from "../../domain/integrations/integration.js";
import { builder } from "../builder.js";
import { ServerAuthTypeEnum, TransportEnum } from "./enums.js";
import { McpServerRef, settableServerFields } from "./mcp-server.js";

const IntegrationRef = builder.objectRef<IntegrationView>("Integration").implement({
  description: "A well-known remote MCP server from the curated catalog, as its vendor documents it.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Stable catalog id; pass it to addIntegration." }),
    name: t.exposeString("name", { description: "The vendor's product name." }),
    description: t.exposeString("description", { description: "What the server gives agents access to." }),
    url: t.exposeString("url", { description: "The vendor-hosted MCP endpoint." }),
    transport: t.expose("transport", { type: TransportEnum, description: "The transport the vendor documents for that URL." }),
    authType: t.expose("authType", { type: ServerAuthTypeEnum, description: "How callers authenticate to it." }),
    scopes: t.exposeStringList("scopes", { description: "OAuth scopes to request; empty where the vendor names none." }),
    docsUrl: t.exposeString("docsUrl", { description: "The vendor's documentation of the server." }),
    iconUrl: t.exposeString("iconUrl", { description: "An https icon for the vendor." }),
    added: t.exposeBoolean("added", { description: "Whether the caller's tenant already has a server at this URL." }),
  }),
});

const AddIntegrationInput = builder.inputType("AddIntegrationInput", {
  description: "Overrides for the catalog entry's defaults (name, slug, URL, auth); anything createMcpServer takes.",
  fields: (t) => ({
    name: t.string({ description: "Default: the entry's name." }),
    url: t.string({ description: "Default: the entry's URL." }),
    ...settableServerFields(t),
  }),
});

builder.queryFields((t) => ({
  integrationCatalog: t.field({
    type: [IntegrationRef],
    description: "The curated catalog of well-known remote MCP servers, each marked with whether the tenant has added it.",
    resolve: (_root, _args, { caller, services }) => services.integrations.list(caller),
  }),
}));

builder.mutationFields((t) => ({
  addIntegration: t.field({
    type: McpServerRef,
    description: "Admins: registers a server from a catalog entry, with the entry's name, slug, URL and auth unless overridden.",
    args: {
      id: t.arg.id({ required: true, description: "The catalog entry's id." }),
      input: t.arg({ type: AddIntegrationInput, description: "Overrides for the entry's defaults." }),
    },
    resolve: (_root, { id, input }, { caller, services }) => services.integrations.add(caller, id, input ?? {}),
  }),
  importServerJson: t.field({
    type: McpServerRef,
    description:
      "Admins: registers a server from an MCP Registry server.json document (its first remote). A problem is BAD_USER_INPUT naming its path; nothing is stored.",
    args: { document: t.arg.string({ required: true, description: "The server.json document, as JSON text." }) },
    resolve: (_root, { document }, { caller, services }) => services.serverJson.import(caller, document),
  }),
}));
