import { UpstreamError } from "../shared/upstream-error.js";

/** The authorization server refused the refresh token (`invalid_grant`): only the user can reconnect. */
export class OAuthGrantRejected extends UpstreamError {
  constructor() {
    super("unauthorized", "The authorization server no longer accepts this connection; reconnect your account.");
    this.name = "OAuthGrantRejected";
  }
}
