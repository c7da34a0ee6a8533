import type { Transport } from "@modelcontextprotocol/client";

type HandlerName = "onmessage" | "onerror";
type Handler<Name extends HandlerName> = NonNullable<Transport[Name]>;
type AnyWrap = (handler: never) => unknown;

const chains = new WeakMap<Transport, Map<HandlerName, AnyWrap[]>>();

/**
 * Puts `wrap` around the handler the SDK client sets on a transport when it connects (after we
 * built the transport), so what the transport delivers passes through it first. Several wraps
 * stack, the first one given running first.
 */
export function wrapHandler<Name extends HandlerName>(
  transport: Transport,
  name: Name,
  wrap: (handler: Handler<Name>) => Handler<Name>,
): void {
  const byName = chains.get(transport) ?? new Map<HandlerName, AnyWrap[]>();
  chains.set(transport, byName);
  const chain = byName.get(name);
  if (chain) return void chain.push(wrap);
  const wraps: Array<(handler: Handler<Name>) => Handler<Name>> = [wrap];
  byName.set(name, wraps);
  let current: Transport[Name] = transport[name];
  Object.defineProperty(transport, name, {
    configurable: true,
    get: () => current,
    set: (handler: Transport[Name]) => {
      current = handler && wraps.reduceRight((inner, outer) => outer(inner), handler as Handler<Name>);
    },
  });
}
