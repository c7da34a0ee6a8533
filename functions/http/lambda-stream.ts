import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { type FetchHandler, preludeOf, requestFromEvent } from "./lambda-http.js";

type StreamingHandler = (event: APIGatewayProxyEventV2, responseStream: Writable) => Promise<void>;

/** The Node.js Lambda runtime's response streaming API, the global `awslambda` (absent outside Lambda). */
export interface ResponseStreaming {
  streamifyResponse(handler: StreamingHandler): unknown;
  HttpResponseStream: {
    from(stream: Writable, prelude: { statusCode: number; headers: Record<string, string>; cookies?: string[] }): Writable;
  };
}

export const lambdaStreaming = (): ResponseStreaming | undefined => (globalThis as { awslambda?: ResponseStreaming }).awslambda;

/**
 * A fetch handler as a streaming Lambda handler (Function URL with RESPONSE_STREAM): the status
 * and headers go first and the body follows as it is produced, so an MCP answer's events
 * (progress, an elicitation asking to approve) reach the client while the call still waits.
 */
export function streamingLambdaHandler(getFetch: () => Promise<FetchHandler>, streaming: ResponseStreaming) {
  return streaming.streamifyResponse(async (event, responseStream) => {
    const response = await (await getFetch())(requestFromEvent(event));
    const body = streaming.HttpResponseStream.from(responseStream, preludeOf(response));
    if (!response.body) return void body.end();
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream), body);
  });
}
