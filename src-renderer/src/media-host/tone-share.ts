/** below this RMS a window is silence and does not count in {@link toneShareOf} */
const AUDIBLE_RMS = 0.003;

/**
 * The share of the power at `frequency` (Goertzel, one bin of 1000/windowMs Hz) over the audible
 * windows of `data` (samples in [-1, 1]): ≈ 1 for a pure tone there, ≈ 0.5 for two tones of equal
 * loudness, ≈ 0 when that frequency is absent. Used by the e2e test hook (what a page hears) and
 * by tests on what a desk phone heard.
 */
export function toneShareOf(data: Float32Array, sampleRate: number, frequency: number, windowMs: number): number {
  const size = Math.max(1, Math.round((sampleRate * windowMs) / 1000));
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let sum = 0;
  let windows = 0;
  for (let start = 0; start + size <= data.length; start += size) {
    let s1 = 0;
    let s2 = 0;
    let energy = 0;
    for (let i = start; i < start + size; i++) {
      const x = data[i]!;
      energy += x * x;
      const s0 = x + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const meanSquare = energy / size;
    if (Math.sqrt(meanSquare) < AUDIBLE_RMS) continue;
    const power = (s1 * s1 + s2 * s2 - coeff * s1 * s2) * (2 / (size * size));
    sum += Math.min(1, power / meanSquare);
    windows++;
  }
  return windows === 0 ? 0 : sum / windows;
}
