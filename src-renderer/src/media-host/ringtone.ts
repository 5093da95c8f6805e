/**
 * A ring tone synthesised with WebAudio (no asset): two short dual-tone bursts
 * every 3 s, like a desk phone. `start` and `stop` are idempotent.
 */
export class Ringtone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Starts ringing (no-op when already ringing). */
  start(): void {
    if (this.timer) return;
    const context = this.context ?? new AudioContext();
    this.context = context;
    // The media window may start suspended (autoplay policy); resuming is best effort.
    void context.resume().catch(() => undefined);
    this.ringOnce(context);
    this.timer = setInterval(() => this.ringOnce(context), 3_000);
  }

  /** Stops ringing and releases the audio context. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const context = this.context;
    this.context = null;
    if (context) void context.close().catch(() => undefined);
  }

  get ringing(): boolean {
    return this.timer !== null;
  }

  private ringOnce(context: AudioContext): void {
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
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
