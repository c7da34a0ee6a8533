import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * The REST API of the ticket-system example, on loopback, for tests: it records every request
 * and answers like a small ticket service (401 without an API key it knows).
 */
export async function startTicketApi(acceptedKeys: readonly string[]) {
  const requests: RecordedRequest[] = [];
  const tickets = [
    { id: "T-1", title: "Printer on fire", status: "open", assignee: "ana@example.com" },
    { id: "T-2", title: "VPN drops", status: "closed", assignee: "bo@example.com" },
  ];
  const http = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const recorded = {
        method: request.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        body: raw ? JSON.parse(raw) : undefined,
      };
      requests.push(recorded);
      const reply = (status: number, body: unknown) =>
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (!acceptedKeys.includes(String(request.headers["x-api-key"]))) return reply(401, { error: "unknown API key" });
      if (url.pathname === "/api/v1/me") return reply(200, { user: "service" });
      if (url.pathname === "/api/v1/tickets" && recorded.method === "GET")
        return reply(
          200,
          tickets.filter((ticket) => !recorded.query.status || ticket.status === recorded.query.status),
        );
      if (url.pathname === "/api/v1/tickets" && recorded.method === "POST") return reply(201, { id: "T-3", ...(recorded.body as object) });
      const ticket = tickets.find((each) => `/api/v1/tickets/${each.id}` === url.pathname);
      return ticket ? reply(200, ticket) : reply(404, { error: `no ticket at ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    requests,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
