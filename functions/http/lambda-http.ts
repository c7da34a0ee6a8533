import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/** A Function URL / HTTP API (payload v2) event as a fetch `Request`. */
export function requestFromEvent(event: APIGatewayProxyEventV2): Request {
  const { method } = event.requestContext.http;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : "";
  const url = `https://${event.requestContext.domainName}${event.rawPath}${query}`;

  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers.set(name, value);
  }
  // Payload v2 moves cookies out of the headers into their own array.
  if (event.cookies?.length) headers.set("cookie", event.cookies.join("; "));
  headers.set("x-request-id", event.requestContext.requestId);

  const hasBody = event.body !== undefined && event.body !== null && method !== "GET" && method !== "HEAD";
  const body = hasBody ? (event.isBase64Encoded ? Buffer.from(event.body!, "base64") : event.body!) : undefined;
  return new Request(url, { method, headers, body });
}

const TEXTUAL = /^(text\/|application\/(json|graphql-response\+json|javascript|xml)|[^;]*\+json)/i;

/** A response's status and headers as Lambda takes them: cookies apart (payload v2 and streaming preludes alike). */
export function preludeOf(response: Response): { statusCode: number; headers: Record<string, string>; cookies?: string[] } {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  return { statusCode: response.status, headers, ...(cookies.length ? { cookies } : {}) };
}

/** A fetch `Response` as the structured result Lambda expects; binary bodies go base64. */
export async function resultFromResponse(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const textual = TEXTUAL.test(response.headers.get("content-type") ?? "text/plain");
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    ...preludeOf(response),
    body: textual ? bytes.toString("utf8") : bytes.toString("base64"),
    isBase64Encoded: !textual,
  };
}

export type FetchHandler = (request: Request) => Promise<Response> | Response;

/** Adapts any fetch handler (yoga's) into a Lambda handler for Function URL / HTTP API v2 events. */
export const lambdaHandler = (getFetch: () => Promise<FetchHandler>) => async (event: APIGatewayProxyEventV2) =>
  resultFromResponse(await (await getFetch())(requestFromEvent(event)));
