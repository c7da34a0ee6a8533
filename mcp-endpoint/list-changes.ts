import type { ServerEventBus } from "@modelcontextprotocol/server";
import type { Actor } from "../domain/access/actor.js";
import type { CatalogChanges } from "../domain/tools/catalog-changes.js";

const KEEP_ALIVE_MS = 15_000;

/** 2026 era: `subscriptions/listen` streams hear the actor's tenant's catalog changes (the SDK sends `tools/list_changed`). */
export function catalogEventBus(changes: CatalogChanges, actor: Actor): ServerEventBus {
  return {
    publish: () => undefined,
    subscribe(listener) {
      const stop = new AbortController();
      void (async () => {
        for await (const _change of changes.changes(actor.tenantId, stop.signal)) listener({ kind: "tools_list_changed" });
      })().catch(() => undefined);
      return () => stop.abort();
    },
  };
}

/**
 * 2025 era: the GET stream a client with a session opens for server messages, carrying
 * `notifications/tools/list_changed` whenever the tenant's catalog changes (the client lists
 * again and sees what is its own), and a comment now and then so proxies keep it open.
 */
export function legacyChangeStream(changes: CatalogChanges, actor: Actor, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  const stop = new AbortController();
  signal.addEventListener("abort", () => stop.abort(), { once: true });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const keepAlive = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), KEEP_ALIVE_MS);
      const notification = JSON.stringify({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
      void (async () => {
        for await (const _change of changes.changes(actor.tenantId, stop.signal))
          controller.enqueue(encoder.encode(`event: message\ndata: ${notification}\n\n`));
      })()
        .catch(() => undefined)
        .finally(() => {
          clearInterval(keepAlive);
          controller.close();
        });
    },
    cancel: () => stop.abort(),
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
}
