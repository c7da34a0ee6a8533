import {
  isJSONRPCRequest,
  isJSONRPCResponse,
  type SSEClientTransport,
  SseError,
  type StreamableHTTPClientTransport,
  type Transport,
} from "@modelcontextprotocol/client";

/*
 * A server restarted or crashed mid-call cuts the stream its answer would have come on. The SDK
 * notices (an event it reports) but leaves the request pending until its timeout; these close the
 * transport instead, so the SDK fails what is in flight at once ("closed the connection") and the
 * pool reconnects for the next request.
 */

/** Streamable HTTP: a request whose response stream ends without its answer. */
export function closeOnUnansweredStream(transport: StreamableHTTPClientTransport): StreamableHTTPClientTransport {
  const answered = new Set<string | number>();
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    if (!isJSONRPCRequest(message)) return send(message, options);
    return send(message, {
      ...options,
      onRequestStreamEnd: () => {
        options?.onRequestStreamEnd?.();
        if (!answered.delete(message.id)) void transport.close();
      },
    });
  };
  observeHandler(transport, "onmessage", (message) => {
    if (isJSONRPCResponse(message) && message.id !== undefined) answered.add(message.id);
  });
  return transport;
}

/** Legacy HTTP+SSE: the event stream every answer rides on fails once connected (its session is gone with it). */
export function closeOnLostEventStream(transport: SSEClientTransport): SSEClientTransport {
  let started = false;
  const start = transport.start.bind(transport);
  transport.start = () => start().then(() => void (started = true));
  observeHandler(transport, "onerror", (error) => {
    if (started && error instanceof SseError) void transport.close();
  });
  return transport;
}

/** Lets `observe` see every call of a handler the client sets on the transport when it connects, before the client does. */
function observeHandler<Name extends "onmessage" | "onerror">(
  transport: Transport,
  name: Name,
  observe: (...args: Parameters<NonNullable<Transport[Name]>>) => void,
): void {
  let handler = transport[name];
  Object.defineProperty(transport, name, {
    get: () => handler,
    set: (next: Transport[Name]) => {
      handler =
        next &&
        (((...args: Parameters<NonNullable<Transport[Name]>>) => {
          observe(...args);
          (next as (...a: typeof args) => void)(...args);
        }) as Transport[Name]);
    },
  });
}
