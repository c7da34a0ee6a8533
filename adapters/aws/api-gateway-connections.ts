import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import type { SocketConnections } from "../../domain/ports/socket-connections.js";

/** API Gateway's management API (SDK v3): posting to and closing the WebSocket connections it holds. */
export class ApiGatewayConnections implements SocketConnections {
  private readonly client: ApiGatewayManagementApiClient;

  /** `endpoint`: the API's https://<id>.execute-api.<region>.amazonaws.com/<stage> (SST links it as `managementEndpoint`). */
  constructor(options: { endpoint: string; region: string; credentials?: { accessKeyId: string; secretAccessKey: string } }) {
    this.client = new ApiGatewayManagementApiClient(options);
  }

  async post(connectionId: string, message: object): Promise<"sent" | "gone"> {
    try {
      await this.client.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(JSON.stringify(message)) }),
      );
      return "sent";
    } catch (error) {
      if (error instanceof GoneException || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410)
        return "gone";
      throw error;
    }
  }

  async close(connectionId: string): Promise<void> {
    await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId })).catch((error: unknown) => {
      if (!(error instanceof GoneException)) throw error;
    });
  }
}
