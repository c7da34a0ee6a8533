export const START_OAUTH = `mutation($id: ID!, $returnTo: String) { startOAuth(serverId: $id, returnTo: $returnTo) { authorizationUrl } }`;
export const DISCONNECT_OAUTH = `mutation($id: ID!) { disconnectOAuth(serverId: $id) }`;
export const CONNECTOR_STATUSES = `query($agent: String) { connectorStatuses(agentId: $agent) { server { id name } status expiresAt } }`;
export const COMPLETE_OAUTH = `mutation($state: String!, $code: String!, $iss: String) { completeOAuth(state: $state, code: $code, iss: $iss) { id name } }`;
