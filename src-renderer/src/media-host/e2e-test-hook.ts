/**
 * Test hook for the end-to-end tests, installed only when the page URL has
 * `?e2e`: records what the far end sends us and reports its loudness, so a
 * test can prove real audio flowed.
 */
import { toneShareOf } from './tone-share';

export interface MediaTestHook {
  /** starts a MediaRecorder on the current remote audio (mixed when there are several calls) */
  startRecording(): void;
  /**
   * stops it and returns the RMS of each 20 ms window of the decoded recording; with
   * `frequencies`, also `tones`: for each one, the share of the signal's power at that
   * frequency (Goertzel, averaged over the audible windows; 1 = a pure tone, 0 = absent)
   */
  stopRecording(frequencies?: number[]): Promise<{ windowMs: 20; rms: number[]; tones: number[] }>;
  /** sum of inbound-rtp audio packetsReceived over all sessions */
  inboundPackets(): Promise<number>;
  /** the device choice the media host received and where audio goes now (SPEC F4) */
  devices(): MediaTestDevices;
}

export interface MediaTestDevices {
  /** the last setDevices */
  choice: { microphoneId?: string; speakerId?: string; ringingId?: string };
  /** the ring tone's output ('' = system default) */
  ringingSinkId: string;
  /** whether the ring tone plays */
  ringing: boolean;
  /** which tone plays: the ring tone, the call-waiting tone (issue #15), or none */
  ringTone: 'ring' | 'waiting' | 'none';
  /** each call's remote audio element sinkId */
  speakerSinkIds: string[];
  /** each call's microphone device ('' = system default) */
  microphoneIds: string[];
}

export interface MediaTestSource {
  remoteStreams(): MediaStream[];
  peerConnections(): RTCPeerConnection[];
  devices(): MediaTestDevices;
}

const WINDOW_MS = 20;
/** recordings longer than this are cut (bounded memory) */
const MAX_RECORDING_MS = 120_000;

export function isE2eMode(): boolean {
  return new URLSearchParams(location.search).has('e2e');
}

/** Installs `window.__ucMediaTest`. */
export function installMediaTestHook(source: MediaTestSource): MediaTestHook {
  let recorder: MediaRecorder | null = null;
  let chunks: Blob[] = [];
  let mixContext: AudioContext | null = null;
  let cutTimer: ReturnType<typeof setTimeout> | null = null;

  const hook: MediaTestHook = {
    startRecording() {
      if (recorder) throw new Error('already recording');
      const tracks = source
        .remoteStreams()
        .flatMap((s) => s.getAudioTracks())
        .filter((t) => t.readyState === 'live');
      if (tracks.length === 0) throw new Error('no remote audio to record');
      let stream: MediaStream;
      if (tracks.length === 1) {
        stream = new MediaStream(tracks);
      } else {
        // MediaRecorder records only the first audio track of a stream: mix them.
        mixContext = new AudioContext();
        const destination = mixContext.createMediaStreamDestination();
        for (const track of tracks) mixContext.createMediaStreamSource(new MediaStream([track])).connect(destination);
        stream = destination.stream;
      }
      chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.ondataavailable = (ev) => {
        if (ev.data.size > 0) chunks.push(ev.data);
      };
      recorder.start(250);
      cutTimer = setTimeout(() => recorder?.state === 'recording' && recorder.stop(), MAX_RECORDING_MS);
    },

    async stopRecording(frequencies = []) {
      const current = recorder;
      if (!current) throw new Error('not recording');
      recorder = null;
      if (cutTimer) clearTimeout(cutTimer);
      if (current.state !== 'inactive') {
        await new Promise<void>((resolve) => {
          current.onstop = () => resolve();
          current.stop();
        });
      }
      if (mixContext) {
        await mixContext.close().catch(() => undefined);
        mixContext = null;
      }
      const blob = new Blob(chunks, { type: current.mimeType });
      chunks = [];
      if (blob.size === 0) return { windowMs: WINDOW_MS, rms: [], tones: frequencies.map(() => 0) };
      const decoder = new OfflineAudioContext(1, 1, 48_000);
      const audio = await decoder.decodeAudioData(await blob.arrayBuffer());
      return {
        windowMs: WINDOW_MS,
        rms: rmsWindows(audio, WINDOW_MS),
        tones: frequencies.map((f) => toneShare(audio, f, WINDOW_MS)),
      };
    },

    async inboundPackets() {
      let total = 0;
      for (const pc of source.peerConnections()) {
        if (pc.connectionState === 'closed') continue;
        const stats = await pc.getStats();
        stats.forEach((report: { type?: string; kind?: string; packetsReceived?: number }) => {
          if (report.type === 'inbound-rtp' && report.kind === 'audio') total += report.packetsReceived ?? 0;
        });
      }
      return total;
    },

    devices() {
      return source.devices();
    },
  };
  window.__ucMediaTest = hook;
  return hook;
}

/** RMS of each `windowMs` window, channels averaged. */
export function rmsWindows(audio: AudioBuffer, windowMs: number): number[] {
  const size = Math.max(1, Math.round((audio.sampleRate * windowMs) / 1000));
  const channels = Array.from({ length: audio.numberOfChannels }, (_, i) => audio.getChannelData(i));
  const out: number[] = [];
  for (let start = 0; start + size <= audio.length; start += size) {
    let sum = 0;
    for (const data of channels) {
      for (let i = start; i < start + size; i++) sum += data[i] * data[i];
    }
    out.push(Math.sqrt(sum / (size * channels.length)));
  }
  return out;
}

/** {@link toneShareOf} over the first channel of a decoded recording. */
export function toneShare(audio: AudioBuffer, frequency: number, windowMs: number): number {
  return toneShareOf(audio.getChannelData(0), audio.sampleRate, frequency, windowMs);
}
