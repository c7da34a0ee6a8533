/** Where, in a JWT passthrough server's header values, the embedded chat's verified JWT goes. */
export const JWT_TOKEN_TEMPLATE = "%{jwt_token}";
