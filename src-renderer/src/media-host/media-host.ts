/**
 * The media host: owns one RTCPeerConnection per SIP session and answers the
 * engine's requests (media-contract.ts). Runs in Electron's hidden media
 * window and, in the web shell, in the app page itself.
 *
 * SIP here has no trickle ICE, so every SDP we return is taken after ICE
 * gathering completed (bounded wait). Hold = audio transceiver `inactive`.
 *
 * Session lifecycle: open → (createOffer | setRemoteDescription(offer) →
 * createAnswer) → … re-negotiations … → close. Requests for an unknown
 * session reject with a clear message.
 *
 * Audio devices (SPEC F4): setDevices keeps the user's choice; new calls open
 * the chosen microphone, live calls switch with replaceTrack, call audio plays
 * on the chosen speaker (HTMLMediaElement.setSinkId) and the ring tone on the
 * ringing device. On `devicechange` the choice is resolved again (a missing
 * device → the default; back when it is plugged in) and `devicesChanged` is
 * reported; it is also reported at start, so the engine sends its choice.
 */
import type {
  MediaEvents,
  MediaHostChannel,
  MediaMethod,
  MediaParams,
  MediaResults,
} from '../../../src-preload/contract/media-contract';
import { ConferenceMix, type MixLeg } from './conference-mix';
import { AudioDevices, microphoneConstraints, type EffectiveDevices } from './audio-devices';
import { installMediaTestHook, isE2eMode } from './e2e-test-hook';
import { probeVoip } from './probe-voip';
import { Ringtone } from './ringtone';

const ICE_GATHERING_TIMEOUT_MS = 3_000;
const FIRST_AUDIO_POLL_MS = 20;
const FIRST_AUDIO_MAX_MS = 10_000;

interface MediaSession {
  id: string;
  pc: RTCPeerConnection;
  transceiver: RTCRtpTransceiver;
  mic: MediaStream;
  /** the device `mic` was opened on (undefined = system default) */
  micDeviceId: string | undefined;
  remote: MediaStream;
  audio: HTMLAudioElement;
  firstAudioSent: boolean;
  statsTimer: ReturnType<typeof setInterval> | null;
}

export interface MediaHostHandle {
  /** reports `devicesChanged` so the engine (re)sends the device choice, e.g. after the transport reconnected */
  announce(): void;
  /** closes every session and stops the ring tone */
  dispose(): void;
}

type Handlers = { [M in MediaMethod]: (params: MediaParams<M>) => Promise<MediaResults[M]> };

/** Starts answering media requests on `channel`. */
export function startMediaHost(channel: MediaHostChannel): MediaHostHandle {
  const sessions = new Map<string, MediaSession>();
  const ringtone = new Ringtone();
  const devices = new AudioDevices(navigator.mediaDevices);
  let applied: EffectiveDevices = { microphoneId: undefined, speakerId: undefined, ringingId: undefined };
  /** serialises device switches (a devicechange burst must not interleave getUserMedia calls) */
  let deviceWork: Promise<void> = Promise.resolve();
  /** the local conference's mix (SPEC F3); its changes are serialised too */
  const mix = new ConferenceMix();
  let mixWork: Promise<void> = Promise.resolve();

  function mixLeg(session: MediaSession): MixLeg {
    return { id: session.id, mic: session.mic, remote: session.remote, sender: session.transceiver.sender };
  }

  /** (Re)builds the mix of these sessions; unknown (closed) ones are left out. */
  function applyMix(sessionIds: string[]): Promise<void> {
    mixWork = mixWork
      .catch(() => undefined)
      .then(() =>
        mix.apply(
          sessionIds.flatMap((id) => {
            const session = sessions.get(id);
            return session ? [mixLeg(session)] : [];
          }),
        ),
      );
    return mixWork;
  }

  /** Opens the microphone on `deviceId`, or on the default one when that device cannot be opened. */
  async function openMicrophone(
    deviceId: string | undefined,
  ): Promise<{ stream: MediaStream; deviceId: string | undefined }> {
    if (deviceId !== undefined) {
      try {
        return { stream: await navigator.mediaDevices.getUserMedia(microphoneConstraints(deviceId)), deviceId };
      } catch {
        // unplugged between the listing and now: the default keeps the call audible
      }
    }
    return { stream: await navigator.mediaDevices.getUserMedia(microphoneConstraints(undefined)), deviceId: undefined };
  }

  async function switchMicrophone(session: MediaSession, deviceId: string | undefined): Promise<void> {
    if (session.micDeviceId === deviceId) return;
    const { stream, deviceId: opened } = await openMicrophone(deviceId);
    const track = stream.getAudioTracks()[0];
    if (!track || sessions.get(session.id) !== session) {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    const old = session.mic.getAudioTracks()[0];
    track.enabled = old?.enabled ?? true; // keep mute
    const mixed = mix.includes(session.id);
    // a mixed call sends the mix: the new microphone goes into it instead
    if (!mixed) await session.transceiver.sender.replaceTrack(track);
    for (const t of session.mic.getTracks()) t.stop();
    session.mic = stream;
    session.micDeviceId = opened;
    if (mixed) await applyMix(mix.sessionIds);
  }

  /** Resolves the choice against the plugged devices and applies what changed. */
  function applyDevices(): Promise<void> {
    deviceWork = deviceWork.then(async () => {
      try {
        const choice = devices.currentChoice;
        // ids are hidden before the microphone permission: ask only when something was chosen
        await devices.list(Object.values(choice).some((id) => id !== undefined));
      } catch {
        // enumerateDevices failed: resolve against the last known list
      }
      const next = devices.effective();
      applied = next;
      ringtone.setSinkId(next.ringingId ?? '');
      for (const session of sessions.values()) {
        await setSpeaker(session.audio, next.speakerId);
        await switchMicrophone(session, next.microphoneId).catch(() => undefined);
      }
    });
    return deviceWork;
  }

  async function setSpeaker(audio: HTMLAudioElement, speakerId: string | undefined): Promise<void> {
    const sink = speakerId ?? '';
    if (audio.sinkId === sink) return;
    await audio.setSinkId(sink).catch(() => audio.setSinkId('').catch(() => undefined));
  }

  navigator.mediaDevices.addEventListener('devicechange', onDeviceChange);
  function onDeviceChange(): void {
    void applyDevices().then(() => emit('devicesChanged', {}));
  }

  function emit<E extends keyof MediaEvents>(event: E, payload: MediaEvents[E]): void {
    channel.emit(event, payload);
  }

  function get(sessionId: string): MediaSession {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`unknown media session ${sessionId}`);
    return session;
  }

  function watchFirstAudio(session: MediaSession): void {
    if (session.firstAudioSent || session.statsTimer) return;
    const started = Date.now();
    let busy = false;
    session.statsTimer = setInterval(() => {
      if (busy) return;
      if (Date.now() - started > FIRST_AUDIO_MAX_MS || session.pc.connectionState === 'closed') {
        stopWatching(session);
        return;
      }
      busy = true;
      session.pc
        .getStats()
        .then((stats) => {
          let received = 0;
          stats.forEach((report: { type?: string; kind?: string; packetsReceived?: number }) => {
            if (report.type === 'inbound-rtp' && report.kind === 'audio') received += report.packetsReceived ?? 0;
          });
          if (received > 0 && !session.firstAudioSent && sessions.get(session.id) === session) {
            session.firstAudioSent = true;
            stopWatching(session);
            emit('firstAudio', { sessionId: session.id, at: Date.now() });
          }
        })
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, FIRST_AUDIO_POLL_MS);
  }

  function stopWatching(session: MediaSession): void {
    if (session.statsTimer) clearInterval(session.statsTimer);
    session.statsTimer = null;
  }

  async function describe(session: MediaSession, kind: 'offer' | 'answer', hold: boolean): Promise<{ sdp: string }> {
    session.transceiver.direction = hold ? 'inactive' : 'sendrecv';
    const { pc } = session;
    const description = kind === 'offer' ? await pc.createOffer() : await pc.createAnswer();
    await pc.setLocalDescription(description);
    await waitForIceGathering(pc, ICE_GATHERING_TIMEOUT_MS);
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new Error(`no local description for ${session.id}`);
    if (kind === 'answer') watchFirstAudio(session);
    return { sdp };
  }

  /**
   * Safety net for the JSEP rule above: if the offer's audio m-line landed on
   * another transceiver than ours, move the microphone onto that one.
   */
  function adoptOfferedTransceiver(session: MediaSession): void {
    if (session.transceiver.mid !== null) return;
    const offered = session.pc
      .getTransceivers()
      .find((t) => t.mid !== null && t.receiver.track.kind === 'audio' && t.currentDirection !== 'stopped');
    if (!offered) return;
    const track = session.mic.getAudioTracks()[0] ?? null;
    void offered.sender.replaceTrack(track);
    offered.sender.setStreams(session.mic);
    session.transceiver = offered;
    if (mix.includes(session.id)) void applyMix(mix.sessionIds);
  }

  function closeSession(session: MediaSession): void {
    sessions.delete(session.id);
    if (mix.includes(session.id)) void applyMix(mix.sessionIds);
    stopWatching(session);
    session.pc.ontrack = null;
    session.pc.onconnectionstatechange = null;
    session.pc.close();
    for (const track of session.mic.getTracks()) track.stop();
    session.audio.srcObject = null;
    session.audio.remove();
    emit('connectionState', { sessionId: session.id, state: 'closed' });
  }

  const handlers: Handlers = {
    async open({ sessionId, iceServers }) {
      if (sessions.has(sessionId)) throw new Error(`media session ${sessionId} is already open`);
      const { stream: mic, deviceId: micDeviceId } = await openMicrophone(applied.microphoneId);
      const track = mic.getAudioTracks()[0];
      if (!track) {
        for (const t of mic.getTracks()) t.stop();
        throw new Error('no microphone track');
      }
      // One audio m-line, so 'balanced' bundles exactly like 'max-bundle' between two apps; but
      // 'max-bundle' refuses a remote description without a=group:BUNDLE, and rtpengine 10.5
      // (the bridge to desk phones, issue #12) writes none. rtcp-mux stays required (rtpengine
      // offers it to WebRTC clients: rtcp-mux-offer/require).
      const pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' });
      // addTrack, not addTransceiver: only addTrack transceivers are reused when a
      // remote offer is applied (JSEP, RFC 8829 §5.10); otherwise an incoming
      // call would get a second, receive-only transceiver and send no audio.
      const sender = pc.addTrack(track, mic);
      const transceiver = pc.getTransceivers().find((t) => t.sender === sender);
      if (!transceiver) throw new Error('no transceiver for the microphone track');
      const remote = new MediaStream();
      const audio = document.createElement('audio');
      audio.autoplay = true;
      audio.dataset.sessionId = sessionId;
      // before srcObject: Chromium aborts setSinkId on an element holding a stream without tracks yet
      await setSpeaker(audio, applied.speakerId);
      audio.srcObject = remote;
      document.body.append(audio);
      const session: MediaSession = {
        id: sessionId,
        pc,
        transceiver,
        mic,
        micDeviceId,
        remote,
        audio,
        firstAudioSent: false,
        statsTimer: null,
      };
      pc.ontrack = (ev) => {
        if (ev.track.kind !== 'audio') return;
        for (const old of remote.getAudioTracks()) if (old !== ev.track) remote.removeTrack(old);
        if (!remote.getTrackById(ev.track.id)) remote.addTrack(ev.track);
        void audio.play().catch(() => undefined);
        // a conference leg whose far end's track changed: mix the new one
        if (mix.includes(sessionId)) void applyMix(mix.sessionIds);
        // a switch made while the stream was still empty may have fallen back to the default
        void setSpeaker(audio, applied.speakerId);
      };
      pc.onconnectionstatechange = () => {
        emit('connectionState', { sessionId, state: pc.connectionState });
      };
      sessions.set(sessionId, session);
    },

    async createOffer({ sessionId, hold }) {
      return describe(get(sessionId), 'offer', hold);
    },

    async createAnswer({ sessionId, hold }) {
      return describe(get(sessionId), 'answer', hold);
    },

    async setRemoteDescription({ sessionId, type, sdp }) {
      const session = get(sessionId);
      await session.pc.setRemoteDescription({ type, sdp });
      if (type === 'offer') adoptOfferedTransceiver(session);
      if (type === 'answer') watchFirstAudio(session);
    },

    async setMuted({ sessionId, muted }) {
      // the microphone track, not the sender's: in a conference the sender carries the mix
      for (const track of get(sessionId).mic.getAudioTracks()) track.enabled = !muted;
    },

    async sendDtmf({ sessionId, tones, duration, interToneGap }) {
      const dtmf = get(sessionId).transceiver.sender.dtmf;
      if (!dtmf || !dtmf.canInsertDTMF) return false;
      dtmf.insertDTMF(tones, duration, interToneGap);
      return true;
    },

    async close({ sessionId }) {
      const session = sessions.get(sessionId);
      // closing twice is harmless: the engine may close after a failure already cleaned up
      if (session) closeSession(session);
    },

    async setRinging({ ringing, tone }) {
      if (ringing) ringtone.start(tone ?? 'ring');
      else ringtone.stop();
    },

    async listDevices() {
      return devices.list();
    },

    async probe() {
      return probeVoip();
    },

    async setDevices(choice) {
      devices.setChoice(choice);
      await applyDevices();
    },

    async setMix({ sessionIds }) {
      for (const id of sessionIds) get(id); // an unknown session is a bug in the engine: say so
      await applyMix(sessionIds);
    },
  };

  channel.onRequest(async (method, params) => {
    // The engine validated the params against mediaRequestSchemas before sending.
    const handler = handlers[method] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`unknown media method ${String(method)}`);
    return handler(params);
  });

  if (isE2eMode()) {
    installMediaTestHook({
      remoteStreams: () => [...sessions.values()].map((s) => s.remote),
      peerConnections: () => [...sessions.values()].map((s) => s.pc),
      devices: () => ({
        choice: devices.currentChoice,
        ringingSinkId: ringtone.sinkId,
        ringing: ringtone.ringing,
        ringTone: ringtone.ringing ? ringtone.kind : 'none',
        speakerSinkIds: [...sessions.values()].map((s) => s.audio.sinkId),
        microphoneIds: [...sessions.values()].map((s) => s.micDeviceId ?? ''),
      }),
    });
  }

  const announce = () => emit('devicesChanged', {});
  // tells the engine a (new) host is here: it answers with setDevices
  announce();

  return {
    announce,
    dispose() {
      navigator.mediaDevices.removeEventListener('devicechange', onDeviceChange);
      ringtone.stop();
      for (const session of [...sessions.values()]) closeSession(session);
      void mix.stop();
    },
  };
}

/** Resolves when ICE gathering is complete or after `timeoutMs` (whatever was gathered is used). */
export function waitForIceGathering(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', onChange);
      resolve();
    };
    const onChange = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', onChange);
  });
}
