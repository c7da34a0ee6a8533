import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { specifiedRules, type ValidationRule } from "graphql";

/**
 * How big an operation may be, wherever one arrives: yoga's armor plugin over HTTP and the
 * local WebSocket, and the same rules for subscriptions over API Gateway WebSocket.
 * Introspection is exempt from depth (the standard query is 21 deep) but still bounded by tokens and cost.
 */
export const OPERATION_LIMITS = {
  maxDepth: { n: 10 },
  // Every alias counts: armor exempts `__typename` by default, so `t1: __typename ... t9999: __typename` went unbounded.
  maxAliases: { n: 15, allowList: [] as string[] },
  maxTokens: { n: 2000 },
  maxDirectives: { n: 20 },
  costLimit: { maxCost: 5000 },
} as const;

/** graphql-js validation with the limits above, for documents that do not pass through yoga. */
export const limitedValidationRules: readonly ValidationRule[] = [
  ...specifiedRules,
  maxDepthRule(OPERATION_LIMITS.maxDepth),
  maxAliasesRule(OPERATION_LIMITS.maxAliases),
  maxDirectivesRule(OPERATION_LIMITS.maxDirectives),
  costLimitRule(OPERATION_LIMITS.costLimit),
];
