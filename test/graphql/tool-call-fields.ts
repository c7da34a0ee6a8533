export const CALL_FIELDS = `id serverId toolName qualifiedName arguments status result error requestedBy agentId connectionScope decidedBy reason durationMs createdAt updatedAt expiresAt`;
export const CALL_TOOL = `mutation($input: CallToolInput!) { callTool(input: $input) { ${CALL_FIELDS} } }`;
export const APPROVE = `mutation($id: ID!) { approveToolCall(id: $id) { ${CALL_FIELDS} } }`;
export const REJECT = `mutation($id: ID!, $reason: String) { rejectToolCall(id: $id, reason: $reason) { ${CALL_FIELDS} } }`;
export const TOOL_CALL = `query($id: ID!) { toolCall(id: $id) { ${CALL_FIELDS} } }`;
export const PENDING = `{ pendingApprovals { ${CALL_FIELDS} } }`;
export const APPROVAL_REQUESTED = `subscription { approvalRequested { ${CALL_FIELDS} } }`;
export const TOOL_CALL_UPDATED = `subscription($id: ID!) { toolCallUpdated(id: $id) { ${CALL_FIELDS} } }`;
