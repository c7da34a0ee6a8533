import { isAsyncIterable, type Plugin } from "graphql-yoga";
import type { Clock } from "../../domain/ports/clock.js";
import type { GraphQLContext } from "../context.js";
import { whileTokenLasts } from "../token-expiry.js";

/** Subscriptions (SSE, and graphql-ws through yoga's envelop) end with the token that opened them. */
export function useTokenExpiry(clock: Clock): Plugin<GraphQLContext> {
  return {
    onSubscribe: () => ({
      onSubscribeResult({ args, result, setResult }) {
        if (isAsyncIterable(result)) setResult(whileTokenLasts(result, args.contextValue.caller, clock));
      },
    }),
  };
}
