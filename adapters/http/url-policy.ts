import type { UrlPolicy } from "../../domain/ports/url-policy.js";
import type { OutboundGuard } from "./outbound-guard.js";

/** The guard's DNS-free checks, worded for the person registering the server. */
export const urlPolicyOf =
  (guard: OutboundGuard): UrlPolicy =>
  (url) => {
    try {
      guard.checkUrl(new URL(url));
      return null;
    } catch (error) {
      return `is not allowed: ${(error as Error).message.replace(/^Outbound request refused: /, "")}`;
    }
  };
