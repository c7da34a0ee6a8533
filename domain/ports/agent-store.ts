/** The agent ids a tenant has been seen using (agent tokens, AGENT connections), kept for access pickers. */
export interface AgentStore {
  /** Idempotent: an agent seen again keeps the time it was first seen. */
  note(tenantId: string, agentId: string, seenAt: string): Promise<void>;
  list(tenantId: string): Promise<string[]>;
}
