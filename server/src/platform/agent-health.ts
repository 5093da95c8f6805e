import type { RegistrationCounters, RegistrationIssue, RegistrationStatus } from '../../../src-preload/contract/sip';

/** What a server-side SIP agent (voicemail…) reports about its registration. */
export interface AgentHealth {
  /** e.g. "voicemail" */
  name: string;
  status: RegistrationStatus;
  /** why it is not registered */
  issue?: RegistrationIssue;
  /** last error, for administrators (not translated) */
  detail?: string;
  /** epoch ms of the last status change */
  since: number;
  counters: RegistrationCounters;
}

/**
 * The server's SIP agents and how each is doing, for GET /api/v1/health: an
 * agent that cannot register (Kamailio down, its REGISTER refused) makes the
 * server "degraded" instead of failing silently. Agents register a provider
 * when they start and remove it when they stop.
 */
export class AgentHealthRegistry {
  private readonly providers = new Map<string, () => AgentHealth>();

  /** Adds (or replaces) the agent `name`; returns the function that removes it. */
  register(name: string, provider: () => AgentHealth): () => void {
    this.providers.set(name, provider);
    return () => {
      if (this.providers.get(name) === provider) this.providers.delete(name);
    };
  }

  list(): AgentHealth[] {
    return [...this.providers.values()].map((provider) => provider()).sort((a, b) => a.name.localeCompare(b.name));
  }
}
