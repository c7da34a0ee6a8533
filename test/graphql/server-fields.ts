/** The McpServer selection the GraphQL tests read. */
export const SERVER_FIELDS = `id name slug description url transport authType visibility ownerId createdBy isEnabled isFeatured
  agentAccess headers { name preview } authHeaderName hasCredential credentialPreview toolsCacheEnabled toolsCachedAt
  status lastError lastValidatedAt createdAt updatedAt version`;

export const CREATE = `mutation Create($input: CreateMcpServerInput!) { createMcpServer(input: $input) { ${SERVER_FIELDS} } }`;
export const UPDATE = `mutation Update($id: ID!, $input: UpdateMcpServerInput!) { updateMcpServer(id: $id, input: $input) { ${SERVER_FIELDS} } }`;
export const DELETE = `mutation Delete($id: ID!) { deleteMcpServer(id: $id) }`;
export const GET = `query Get($id: ID!) { mcpServer(id: $id) { ${SERVER_FIELDS} } }`;
export const LIST = `query List { mcpServers { ${SERVER_FIELDS} } }`;
