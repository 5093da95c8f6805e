/**
 * Local conference mixing (SPEC F3 "conference from consultation", up to 8
 * parties): WebAudio — the browser's own audio engine — builds, for each
 * call, what it sends: our microphone plus the remote audio of every other
 * call in the conference. We already hear every call (each has its own audio
 * element). A far end never gets its own voice back.
 *
 * ```text
 *   mic(A) ──┬──────────────▶ out(A) ──▶ sender of call A
 *   remote(B)┼──▶ out(A)
 *   mic(B) ──┼──────────────▶ out(B) ──▶ sender of call B
 *   remote(A)┴──▶ out(B)
 * ```
 *
 * Each call keeps its own microphone track (so muting a call mutes our voice
 * only, never the other far end's); stopping the mix puts those microphone
 * tracks back on the senders.
 */

/** One call of the mix, as the media host knows it. */
export interface MixLeg {
  id: string;
  /** our microphone for this call (its track's `enabled` is the call's mute) */
  mic: MediaStream;
  /** what the far end sends us */
  remote: MediaStream;
  sender: RTCRtpSender;
}

export class ConferenceMix {
  private context: AudioContext | null = null;
  private legs: MixLeg[] = [];

  /** the ids of the calls mixed now */
  get sessionIds(): string[] {
    return this.legs.map((l) => l.id);
  }

  includes(id: string): boolean {
    return this.legs.some((l) => l.id === id);
  }

  /**
   * Mixes exactly these calls (fewer than two: no mix, every call sends its
   * microphone again). Calls without remote audio yet take part with their
   * microphone only until {@link apply} runs again.
   */
  async apply(legs: MixLeg[]): Promise<void> {
    await this.stop();
    if (legs.length < 2) return;
    const context = new AudioContext({ latencyHint: 'interactive' });
    this.context = context;
    this.legs = legs;
    const mics = legs.map((leg) => sourceOf(context, leg.mic));
    const remotes = legs.map((leg) => sourceOf(context, leg.remote));
    for (const [i, leg] of legs.entries()) {
      const out = context.createMediaStreamDestination();
      mics[i]?.connect(out);
      for (const [j, remote] of remotes.entries()) if (j !== i) remote?.connect(out);
      const track = out.stream.getAudioTracks()[0];
      if (track) await leg.sender.replaceTrack(track);
    }
    await context.resume().catch(() => undefined);
  }

  /** Ends the mix: each call sends its own microphone again. */
  async stop(): Promise<void> {
    const legs = this.legs;
    const context = this.context;
    this.legs = [];
    this.context = null;
    for (const leg of legs) {
      const mic = leg.mic.getAudioTracks()[0] ?? null;
      // a call closed meanwhile refuses: nothing to restore there
      await leg.sender.replaceTrack(mic).catch(() => undefined);
    }
    if (context) await context.close().catch(() => undefined);
  }
}

/** A source node for the stream's first live audio track, or null when it has none yet. */
function sourceOf(context: AudioContext, stream: MediaStream): MediaStreamAudioSourceNode | null {
  const track = stream.getAudioTracks().find((t) => t.readyState === 'live');
  return track ? context.createMediaStreamSource(new MediaStream([track])) : null;
}
