/**
 * A ring tone synthesised with WebAudio (no asset): two short dual-tone bursts
 * every 3 s, like a desk phone; or, while another call is in progress, the
 * discreet call-waiting tone (two short 425 Hz beeps every 5 s, issue #15).
 * `start` and `stop` are idempotent.
 *
 * It plays on its own output device, separate from the call audio (SPEC F2,
 * F4): `AudioContext.setSinkId` where the browser has it (Chromium ≥ 110),
 * otherwise the tone goes through a MediaStreamDestination into an `<audio>`
 * element whose `setSinkId` picks the device.
 */

/** The full ring tone, or the call-waiting tone (a call rings while another is in progress). */
export type RingtoneKind = 'ring' | 'waiting';

/** AudioContext.setSinkId is not in TypeScript's DOM lib yet. */
type SinkAudioContext = AudioContext & { setSinkId?: (sinkId: string) => Promise<void> };

export class Ringtone {
  private context: SinkAudioContext | null = null;
  /** where the bursts go: context.destination, or the stream destination of the fallback */
  private output: AudioNode | null = null;
  private element: HTMLAudioElement | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private kindValue: RingtoneKind = 'ring';
  /** '' = the system default output */
  private sink = '';

  /** The output device the ring tone uses ('' = system default). */
  get sinkId(): string {
    return this.sink;
  }

  /**
   * Chooses the output device ('' = system default); applied at once when
   * ringing. A device that refuses falls back to the default.
   */
  setSinkId(sinkId: string): void {
    if (sinkId === this.sink) return;
    this.sink = sinkId;
    if (this.context) void this.applySink(this.context);
  }

  /** Which tone plays (meaningful while {@link ringing}). */
  get kind(): RingtoneKind {
    return this.kindValue;
  }

  /** Starts ringing (no-op when already ringing with that tone; another tone replaces the current one). */
  start(kind: RingtoneKind = 'ring'): void {
    if (this.timer && kind === this.kindValue) return;
    if (this.timer) this.stop();
    this.kindValue = kind;
    const context: SinkAudioContext = this.context ?? new AudioContext();
    this.context = context;
    if (typeof context.setSinkId === 'function') {
      this.output = context.destination;
    } else {
      const destination = context.createMediaStreamDestination();
      const element = document.createElement('audio');
      element.autoplay = true;
      element.srcObject = destination.stream;
      this.element = element;
      this.output = destination;
    }
    void this.applySink(context);
    // The media window may start suspended (autoplay policy); resuming is best effort.
    void context.resume().catch(() => undefined);
    void this.element?.play().catch(() => undefined);
    this.ringOnce(context);
    this.timer = setInterval(() => this.ringOnce(context), kind === 'ring' ? 3_000 : 5_000);
  }

  /** Stops ringing and releases the audio context. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const context = this.context;
    this.context = null;
    this.output = null;
    if (this.element) {
      this.element.pause();
      this.element.srcObject = null;
      this.element = null;
    }
    if (context) void context.close().catch(() => undefined);
  }

  get ringing(): boolean {
    return this.timer !== null;
  }

  private async applySink(context: SinkAudioContext): Promise<void> {
    const sink = this.sink;
    try {
      if (typeof context.setSinkId === 'function') await context.setSinkId(sink);
      else if (this.element) await this.element.setSinkId(sink);
    } catch {
      // the device vanished meanwhile: ring on the default rather than not at all
      if (sink === '') return;
      if (typeof context.setSinkId === 'function') await context.setSinkId('').catch(() => undefined);
      else await this.element?.setSinkId('').catch(() => undefined);
    }
  }

  private ringOnce(context: AudioContext): void {
    const output = this.output;
    if (!output) return;
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(output);
    const t0 = context.currentTime + 0.02;
    // ring: two 0.4 s bursts 0.2 s apart; waiting: two quiet 0.2 s beeps 0.2 s apart (ETSI-like
    // call-waiting tone, heard over the call in progress). Short ramps avoid clicks.
    const waiting = this.kindValue === 'waiting';
    const burst = waiting ? 0.2 : 0.4;
    const level = waiting ? 0.08 : 0.2;
    for (const start of [t0, t0 + burst + 0.2]) {
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(level, start + 0.02);
      gain.gain.setValueAtTime(level, start + burst - 0.02);
      gain.gain.linearRampToValueAtTime(0, start + burst);
    }
    const end = t0 + 2 * burst + 0.25;
    for (const frequency of waiting ? [425] : [440, 480]) {
      const osc = context.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(t0);
      osc.stop(end);
    }
    setTimeout(() => gain.disconnect(), 1_200);
  }
}
