/** The calls domain (see README.md): SIP engine, calls, journal, recent dials, missed calls, audio devices. */
export {
  CallsFeature,
  type AudioSettingsSource,
  type CallsFeatureOptions,
  type MissedCallNotice,
  type PhoneLineConfig,
} from './calls-feature';
export { callsMigrations } from './migrations';
export { Call, CallStateError, type CallOptions, type DtmfMode } from './sip/call';
export { CallEvent, CallState, InvalidTransitionError, initialCallState, transition } from './sip/call-state';
export { endReasonForStatus } from './sip/end-reason';
export type { PhoneCall, PhoneEngine } from './sip/phone-engine';
export {
  SipEngine,
  type EngineLogger,
  type RegistrationIssue,
  type RegistrationState,
  type RegistrationStatus,
  type SipEngineOptions,
} from './sip/sip-engine';
export { journalResultFor, type JournalResult } from './journal/journal-result';
export { JournalStore } from './journal/journal-store';
export { RecentDials } from './recent-dials';
export { MissedCallCounter, MISSED_SEEN_KEY, type SeenMarkStore } from './missed-call-counter';
export { formatNumberForDisplay } from './format-number';
