import type { Caller } from "../shared/caller.js";

/** Proves who calls from the `Authorization` header, or throws UNAUTHENTICATED. */
export type Authenticate = (authorization: string | null) => Promise<Caller>;
