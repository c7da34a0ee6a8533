import type { APIGatewayProxyWebsocketEventV2 } from "aws-lambda";

/** An API Gateway WebSocket event; `$connect` events also carry the upgrade request's headers. */
export type SocketEvent = APIGatewayProxyWebsocketEventV2 & { headers?: Record<string, string | undefined> };

export interface SocketResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** The frame's text (API Gateway base64-encodes binary frames). */
export const bodyOf = (event: SocketEvent): string =>
  event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString("utf8") : (event.body ?? "");
