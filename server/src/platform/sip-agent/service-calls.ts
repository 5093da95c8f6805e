import { SessionState, type Invitation } from 'sip.js';

/**
 * The calls a service's SIP agent is handling (voicemail, conferences): each invitation with the
 * promise of its handler, so that stop() can end them all and wait until their handlers settled
 * (a message being stored, a room being left).
 */
export class ServiceCalls {
  private readonly invitations = new Set<Invitation>();
  private readonly handlers = new Set<Promise<void>>();

  /** Calls in progress. */
  get size(): number {
    return this.invitations.size;
  }

  /** Runs `handle` for the invitation and keeps both until it settles; `handle` must catch its own errors. */
  track(invitation: Invitation, handle: () => Promise<void>): void {
    this.invitations.add(invitation);
    const handler = handle().finally(() => {
      this.invitations.delete(invitation);
      this.handlers.delete(handler);
    });
    this.handlers.add(handler);
  }

  /**
   * Ends every call — BYE to the established ones, 480 to those not yet answered (the caller's
   * phone then says "unavailable") — and resolves once every handler settled.
   */
  async endAll(): Promise<void> {
    for (const invitation of this.invitations) {
      if (invitation.state === SessionState.Established) invitation.bye().catch(() => undefined);
      else if (invitation.state === SessionState.Initial || invitation.state === SessionState.Establishing) {
        invitation.reject({ statusCode: 480 }).catch(() => undefined);
      }
    }
    await Promise.allSettled([...this.handlers]);
  }
}
