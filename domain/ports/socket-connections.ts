/** Sending to WebSocket connections held by API Gateway (its management API). */
export interface SocketConnections {
  /** Sends one message; "gone" when the connection no longer exists (HTTP 410). */
  post(connectionId: string, message: object): Promise<"sent" | "gone">;
  /** Closes a connection (graphql-ws closes with a code; API Gateway can only close). */
  close(connectionId: string): Promise<void>;
}
