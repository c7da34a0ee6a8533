import { readFileSync } from "node:fs";

export const CONNECTOR_FIELDS = `id slug name version revision description descriptor openApi mcpEnabled server { id slug authType } createdAt updatedAt`;
export const REGISTER = `mutation($d: String!) { registerConnector(descriptor: $d) { ${CONNECTOR_FIELDS} } }`;
export const UPDATE_CONNECTOR = `mutation($id: ID!, $d: String!) { updateConnector(id: $id, descriptor: $d) { ${CONNECTOR_FIELDS} } }`;
export const DELETE_CONNECTOR = `mutation($id: ID!) { deleteConnector(id: $id) }`;
export const CONNECTORS = `{ connectors { ${CONNECTOR_FIELDS} } }`;
export const IMPORT_OPENAPI = `mutation($doc: String!, $select: [String!]) { importOpenApi(document: $doc, select: $select) { ${CONNECTOR_FIELDS} } }`;

/** The ticket-system example of connector-descriptors.md, its API moved to `origin`. */
export const ticketDescriptor = (origin: string) =>
  readFileSync(new URL("./fixtures/ticket-system.yaml", import.meta.url), "utf8").replaceAll("https://tickets.internal.example", origin);
