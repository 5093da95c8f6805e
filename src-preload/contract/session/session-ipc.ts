/**
 * The session as the renderer sees it (login, registration status, password
 * change): the `session.*` channels of the IPC contract.
 */
import { z } from 'zod';
import type { RegistrationIssue } from '../sip/registration-state';

/** Registration / session status shown in the UI header. */
export const sessionStatusSchema = z.enum([
  'logged-out',
  'connecting',
  'registered',
  /** transport lost or server unreachable; retrying automatically */
  'unreachable',
  /** the server refused the credentials; no automatic retry */
  'auth-failed',
  /** logged in to the UC server, which requires a new password first (SPEC A2) */
  'password-change-required',
]);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** Why the last login attempt failed (shown on the login screen). */
export type LoginError =
  | 'invalid-credentials'
  | 'too-many-attempts'
  | 'server-unreachable'
  | 'bad-server-reply'
  | 'sip-auth-failed'
  /** the server's certificate is not trusted: `certificate` says which; the user may trust it once (SPEC A1) */
  | 'untrusted-certificate'
  /** the server's certificate is not the one the user trusted for it: refused (`certificate`: both fingerprints) */
  | 'certificate-changed'
  /** the server provisioned a cleartext `ws://` SIP URL to the network: refused (issue 10) */
  | 'cleartext-sip';

/** A SHA-256 certificate fingerprint, `AB:CD:…` (32 bytes, upper-case hex, colons). */
export const certificateFingerprintSchema = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

/** The certificate a login stopped at (SPEC A1: shown once with its fingerprint). */
export interface ServerCertificate {
  /** the server as typed (what session.trustCertificate names) */
  server: string;
  /** host:port that presented it (the API, or the SIP WebSocket of the same host) */
  endpoint: string;
  /** SHA-256 fingerprint of the certificate presented */
  fingerprint: string;
  /** certificate-changed: the fingerprint the user trusted before */
  pinned?: string;
}

export interface SessionState {
  status: SessionStatus;
  /** internal number of the logged-in user (e.g. "101") */
  user?: string;
  /** the user's display name from the UC server */
  displayName?: string;
  /** server as the user typed it (host or host:port of the UC server) */
  server?: string;
  /** epoch ms of the next automatic reconnect attempt while unreachable */
  nextRetryAt?: number;
  /** why the SIP registration is not (or no longer) held while unreachable (the header's tooltip) */
  registrationIssue?: RegistrationIssue;
  /** connection to the UC server (SPEC A4): offline greys the UI until it is back */
  ucConnection?: 'online' | 'offline';
  /** why the last login failed */
  loginError?: LoginError;
  /** seconds to wait before the next login attempt (too-many-attempts) */
  retryAfterS?: number;
  /** failed login attempts since the last successful login, shown once after login (SPEC A2) */
  failedAttempts?: { count: number; lastAt?: number };
  /** loginError untrusted-certificate / certificate-changed: the certificate in question */
  certificate?: ServerCertificate;
}

/** A certificate the user trusted for a server (Settings > User account). */
export interface TrustedCertificate {
  /** the server's normalized address, e.g. `https://uc.example.com:8802` */
  origin: string;
  fingerprint: string;
}

/** Payload schemas of the session channels. */
export const sessionInvokeSchemas = {
  'session.login': z.strictObject({
    server: z.string().trim().min(1).max(255),
    user: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(128),
    /** keep the credentials (OS keychain) for auto-login */
    remember: z.boolean().optional(),
  }),
  'session.changePassword': z.strictObject({
    currentPassword: z.string().min(1).max(128),
    newPassword: z.string().min(1).max(128),
  }),
  'session.logout': z.strictObject({}),
  'session.getState': z.strictObject({}),
  /**
   * The user accepted the certificate the last login stopped at (SPEC A1): it
   * is pinned for that server and the login is tried again. Refused
   * (invalid-state) unless server and fingerprint are those of the pending
   * untrusted-certificate question: the renderer cannot pin anything else.
   */
  'session.trustCertificate': z.strictObject({
    server: z.string().trim().min(1).max(255),
    fingerprint: certificateFingerprintSchema,
  }),
  /** the certificates the user trusted, per server */
  'session.listTrustedCertificates': z.strictObject({}),
  /** forgets the certificate trusted for this server (its origin): the next login asks again */
  'session.forgetCertificate': z.strictObject({ origin: z.string().min(1).max(300) }),
} as const;

export interface SessionInvokeResults {
  'session.login': SessionState;
  'session.logout': SessionState;
  'session.getState': SessionState;
  'session.changePassword': SessionState;
  'session.trustCertificate': SessionState;
  'session.listTrustedCertificates': TrustedCertificate[];
  'session.forgetCertificate': TrustedCertificate[];
}

export interface SessionEventPayloads {
  'session.onDidChangeState': SessionState;
}

export const SESSION_EVENT_CHANNELS = { 'session.onDidChangeState': true } satisfies Record<
  keyof SessionEventPayloads,
  true
>;
