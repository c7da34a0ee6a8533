export const CHAT_FIELDS = `id name issuer audience maxTokenAgeSeconds encryptionKey acceptedKeyIds signingKey createdAt updatedAt version`;
export const CREATE_CHAT = `mutation($input: CreateEmbeddedChatInput!) { createEmbeddedChat(input: $input) { ${CHAT_FIELDS} } }`;
export const UPDATE_CHAT = `mutation($id: ID!, $input: UpdateEmbeddedChatInput!) { updateEmbeddedChat(id: $id, input: $input) { ${CHAT_FIELDS} } }`;
export const ROTATE_CHAT = `mutation($id: ID!) { rotateEmbeddedChatEncryptionKey(id: $id) { ${CHAT_FIELDS} } }`;
export const DELETE_CHAT = `mutation($id: ID!) { deleteEmbeddedChat(id: $id) }`;
export const CHATS = `{ embeddedChats { ${CHAT_FIELDS} } }`;
