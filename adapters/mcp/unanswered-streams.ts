import {
  isJSONRPCRequest,
  isJSONRPCResponse,
  type SSEClientTransport,
  SseError,
  type StreamableHTTPClientTransport,
} from "@modelcontextprotocol/client";
import { wrapHandler } from "./transport-handlers.js";

/*
 * A server restarted or crashed mid-call cuts the stream its answer would have come on. The SDK
 * notices (an event it reports) but leaves the request pending until its timeout; these close the
 * transport instead, so the SDK fails what is in flight at once ("closed the connection") and the
 * pool reconnects for the next request.
 */

/** Streamable HTTP: a request whose response stream ends without its answer. */
export function closeOnUnansweredStream(transport: StreamableHTTPClientTransport): StreamableHTTPClientTransport {
  // Requests sent and not answered yet (an answer may come as plain JSON, with no stream to end).
  const unanswered = new Set<string | number>();
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    // A request whose stream's end the SDK already handles (a 2026-era subscriptions/listen) is left to it.
    if (!isJSONRPCRequest(message) || options?.onRequestStreamEnd) return send(message, options);
    unanswered.add(message.id);
    return send(message, {
      ...options,
      onRequestStreamEnd: () => {
        if (unanswered.delete(message.id)) void transport.close();
      },
    });
  };
  wrapHandler(transport, "onmessage", (deliver) => (message, extra) => {
    if (isJSONRPCResponse(message) && message.id !== undefined) unanswered.delete(message.id);
    deliver(message, extra);
  });
  return transport;
}

/** Legacy HTTP+SSE: the event stream every answer rides on fails once connected (its session is gone with it). */
export function closeOnLostEventStream(transport: SSEClientTransport): SSEClientTransport {
  let started = false;
  const start = transport.start.bind(transport);
  transport.start = () => start().then(() => void (started = true));
  wrapHandler(transport, "onerror", (report) => (error) => {
    if (started && error instanceof SseError) void transport.close();
    report(error);
  });
  return transport;
}
