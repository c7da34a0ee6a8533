export const CONNECTION_FIELDS = `id serverId scope userId agentId authorizationScheme headerName hasCredential credentialPreview
  extraHeaders { name preview } isActive status expiresAt createdBy createdAt updatedAt version`;

export const CREATE_CONNECTION = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { ${CONNECTION_FIELDS} } }`;
export const UPDATE_CONNECTION = `mutation($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { ${CONNECTION_FIELDS} } }`;
export const DELETE_CONNECTION = `mutation($id: ID!) { deleteConnection(id: $id) }`;
export const SERVER_CONNECTIONS = `query($id: ID!, $agent: String) { mcpServer(id: $id) { connections { ${CONNECTION_FIELDS} }
  connectionResolution(agentId: $agent) { source connectionId usable explanation } } }`;
