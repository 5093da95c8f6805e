/**
 * The peer of the call bench (issue #17): the simplest web phone there is — sip.js with its stock
 * `Web.SessionDescriptionHandler`, everything in one page, no engine process, no media host.
 * Bundled by esbuild at bench time (peer-sipjs-bench.ts) and driven through `window.peer`.
 * Each side records a timeline of the call it is in (ms from `performance.timeOrigin`).
 */
import {
  type Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Session,
  type SessionDescriptionHandlerModifier,
} from 'sip.js';

type Timeline = Record<string, number>;

interface PeerOptions {
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
}

interface Peer {
  start(options: PeerOptions): Promise<void>;
  /** Calls `target`; resolves with the caller's timeline once established. */
  call(target: string): Promise<Timeline>;
  /** The callee's timeline of the last call it answered. */
  lastAnswered(): Timeline;
  hangup(): Promise<void>;
}

const now = (): number => performance.now();

let ua: UserAgent | undefined;
let domain = '';
let current: Session | undefined;
let answered: Timeline = {};

/** Notes when the peer connection reaches ICE connected and DTLS connected. */
function watchMedia(session: Session, timeline: Timeline): void {
  const sdh = session.sessionDescriptionHandler as unknown as { peerConnection?: RTCPeerConnection } | undefined;
  const pc = sdh?.peerConnection;
  if (!pc) return;
  pc.addEventListener('iceconnectionstatechange', () => {
    if (pc.iceConnectionState === 'connected' && timeline.iceConnected === undefined) timeline.iceConnected = now();
  });
  pc.addEventListener('connectionstatechange', () => {
    if (pc.connectionState === 'connected' && timeline.dtlsConnected === undefined) timeline.dtlsConnected = now();
  });
}

/** A modifier that only notes when the SDP was created (sip.js applies modifiers right after createOffer/createAnswer). */
const noteSdp =
  (timeline: Timeline, key: string): SessionDescriptionHandlerModifier =>
  (description) => {
    timeline[key] ??= now();
    return Promise.resolve(description);
  };

const peer: Peer = {
  async start({ wsUrl, domain: d, user, password }) {
    domain = d;
    const uri = UserAgent.makeURI(`sip:${user}@${d}`);
    if (!uri) throw new Error('bad user');
    ua = new UserAgent({
      uri,
      transportOptions: { server: wsUrl },
      authorizationUsername: user,
      authorizationPassword: password,
      logLevel: 'error',
      delegate: {
        onInvite(invitation: Invitation) {
          const timeline: Timeline = { invite: now() };
          answered = timeline;
          current = invitation;
          invitation.stateChange.addListener((state) => {
            if (state === SessionState.Established) {
              timeline.established = now();
              watchMedia(invitation, timeline);
            }
          });
          invitation.delegate = {
            onAck: () => {
              timeline.ack = now();
            },
          };
          // the callee answers at once, as in the Switchboard figure
          void invitation.accept({ sessionDescriptionHandlerModifiers: [noteSdp(timeline, 'answerCreated')] });
        },
      },
    });
    await ua.start();
    const registerer = new Registerer(ua);
    const registered = new Promise<void>((resolve) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) resolve();
      });
    });
    await registerer.register();
    await registered;
  },

  async call(target) {
    if (!ua) throw new Error('not started');
    const timeline: Timeline = { dial: now() };
    const uri = UserAgent.makeURI(`sip:${target}@${domain}`);
    if (!uri) throw new Error('bad target');
    const inviter = new Inviter(ua, uri, {
      sessionDescriptionHandlerModifiers: [noteSdp(timeline, 'offerCreated')],
    });
    current = inviter;
    const established = new Promise<void>((resolve, reject) => {
      inviter.stateChange.addListener((state) => {
        if (state === SessionState.Established) {
          timeline.established = now();
          resolve();
        }
        if (state === SessionState.Terminated) reject(new Error('call ended before it was established'));
      });
    });
    await inviter.invite({
      requestDelegate: {
        onTrying: () => void (timeline.trying = now()),
        onProgress: () => void (timeline.ringing ??= now()),
        onAccept: () => void (timeline.ok = now()),
      },
    });
    timeline.inviteSent ??= now();
    watchMedia(inviter, timeline);
    await established;
    return timeline;
  },

  lastAnswered: () => answered,

  async hangup() {
    const session = current;
    current = undefined;
    if (!session) return;
    if (session.state === SessionState.Established) await session.bye();
  },
};

(window as unknown as { peer: Peer }).peer = peer;
