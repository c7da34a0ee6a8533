import type { Plugin } from "graphql-yoga";
import type { GraphQLContext } from "../context.js";
import { errorCode } from "../errors.js";

/**
 * One line per operation with its name, variables, outcome and duration; the logger carries
 * request, tenant and caller. Variables are secrets' usual way in: the logger writes their shape
 * only (adapters/logging/redaction.ts).
 */
export function useOperationLog(): Plugin<GraphQLContext> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const { logger } = args.contextValue as GraphQLContext;
      const operation = typeof args.operationName === "string" ? args.operationName : "anonymous";
      return {
        onExecuteDone({ result }) {
          const errors = "errors" in result ? (result.errors ?? []) : [];
          logger.info("graphql operation", {
            operation,
            variables: args.variableValues ?? {},
            durationMs: Math.round(performance.now() - started),
            errorCodes: errors.map(errorCode),
          });
        },
      };
    },
  };
}
