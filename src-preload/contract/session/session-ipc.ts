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
  'invalid-credentials' | 'too-many-attempts' | 'server-unreachable' | 'bad-server-reply' | 'sip-auth-failed';

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
} as const;

export interface SessionInvokeResults {
  'session.login': SessionState;
  'session.logout': SessionState;
  'session.getState': SessionState;
  'session.changePassword': SessionState;
}

export interface SessionEventPayloads {
  'session.onDidChangeState': SessionState;
}

export const SESSION_EVENT_CHANNELS = { 'session.onDidChangeState': true } satisfies Record<
  keyof SessionEventPayloads,
  true
>;
