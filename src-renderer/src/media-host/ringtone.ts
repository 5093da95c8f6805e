/**
 * A ring tone synthesised with WebAudio (no asset): two short dual-tone bursts
 * every 3 s, like a desk phone. `start` and `stop` are idempotent.
 *
 * It plays on its own output device, separate from the call audio (SPEC F2,
 * F4): `AudioContext.setSinkId` where the browser has it (Chromium ≥ 110),
 * otherwise the tone goes through a MediaStreamDestination into an `<audio>`
 * element whose `setSinkId` picks the device.
 */

/** AudioContext.setSinkId is not in TypeScript's DOM lib yet. */
type SinkAudioContext = AudioContext & { setSinkId?: (sinkId: string) => Promise<void> };

export class Ringtone {
  private context: SinkAudioContext | null = null;
  /** where the bursts go: context.destination, or the stream destination of the fallback */
  private output: AudioNode | null = null;
  private element: HTMLAudioElement | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
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

  /** Starts ringing (no-op when already ringing). */
  start(): void {
    if (this.timer) return;
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
    this.timer = setInterval(() => this.ringOnce(context), 3_000);
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
    // two 0.4 s bursts separated by 0.2 s, with short ramps to avoid clicks
    for (const start of [t0, t0 + 0.6]) {
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(0.2, start + 0.02);
      gain.gain.setValueAtTime(0.2, start + 0.38);
      gain.gain.linearRampToValueAtTime(0, start + 0.4);
    }
    const end = t0 + 1.05;
    for (const frequency of [440, 480]) {
      const osc = context.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(t0);
      osc.stop(end);
    }
    setTimeout(() => gain.disconnect(), 1_200);
  }
}
