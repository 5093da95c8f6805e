/**
 * Active calls, pinned above every view (SPEC F3): peer, state, timer and
 * the in-call controls; several calls are listed with their own state.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../src-preload/contract/ipc-contract';
import { formatDuration, formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import type { IconName } from '../../platform/ui/icon';
import { IconButton } from '../../platform/ui/icon-button';
import { PeerPresenceLine } from '../directory';
import { CallbackProgress } from './callback-progress';
import { Keypad } from './keypad';
import { useNow } from '../../platform/hooks/use-now';

/** how long an ended call stays in the panel (the journal keeps it) */
const ENDED_VISIBLE_MS = 3_000;

export function CallsPanel(): ReactElement | null {
  const { t } = useTranslation();
  const allCalls = useAppStore((s) => s.calls);
  const callError = useAppStore((s) => s.callError);
  const callback = useAppStore((s) => s.callback);
  const now = useNow(
    allCalls.some((c) => c.state === 'terminated'),
    500,
  );
  // an ended call stays visible briefly (with its reason), then leaves the panel
  const calls = allCalls.filter((c) => c.state !== 'terminated' || now - (c.endedAt ?? c.startedAt) < ENDED_VISIBLE_MS);
  if (calls.length === 0 && callback === null) return null;
  return (
    <section className="calls-panel" aria-label={t('calls.heading')}>
      {callback && <CallbackProgress callback={callback} />}
      <ul className="call-list">
        {calls.map((call) => (
          <CallItem key={call.id} call={call} />
        ))}
      </ul>
      {callError && (
        <p className="field-error" role="alert">
          {t(`error.${callError}`)}
        </p>
      )}
    </section>
  );
}

/** States in which hold/mute/keypad make sense. */
const IN_CALL = new Set<CallView['state']>(['established', 'held']);

function CallItem({ call }: { call: CallView }): ReactElement {
  const { t } = useTranslation();
  const keypadCallId = useAppStore((s) => s.keypadCallId);
  const openKeypad = useAppStore((s) => s.openKeypad);
  const closeKeypad = useAppStore((s) => s.closeKeypad);
  const setHold = useAppStore((s) => s.setHold);
  const setMuted = useAppStore((s) => s.setMuted);
  const hangup = useAppStore((s) => s.hangup);
  const openTransfer = useAppStore((s) => s.openTransfer);
  const deflect = useAppStore((s) => s.deflectToVoicemail);
  const consult = useAppStore((s) => s.consult);
  const alternate = useAppStore((s) => s.alternate);
  const conference = useAppStore((s) => s.conference);
  const leaveConference = useAppStore((s) => s.leaveConference);
  // another call is live and answered: alternate between them, or join them in a conference (SPEC F3)
  const otherActiveId = useAppStore(
    (s) => s.calls.find((c) => c.id !== call.id && c.state === 'established' && !c.conferenceId)?.id,
  );
  const otherActive = otherActiveId !== undefined;
  const conferenceSize = useAppStore((s) =>
    call.conferenceId ? s.calls.filter((c) => c.conferenceId === call.conferenceId).length + 1 : 0,
  );
  const conferenced = call.conferenceId !== undefined;
  const reject = useAppStore((s) => s.reject);
  const answer = useAppStore((s) => s.answer);
  const ended = call.state === 'terminated' || call.state === 'terminating';
  const now = useNow(!ended);
  const since = call.answeredAt ?? call.startedAt;
  const until = call.endedAt ?? now;
  const inCall = IN_CALL.has(call.state);
  const keypadOpen = keypadCallId === call.id;

  return (
    <li
      className={`call-item state-${call.state}`}
      data-testid="call-item"
      data-state={call.state}
      data-call-id={call.id}
      aria-label={call.peerName ?? call.peer}
    >
      <div className="call-main">
        <div className="call-peer">
          <span className="peer-name">{call.peerName ?? formatNumber(call.peer)}</span>
          {call.peerName && <span className="peer-number muted">{formatNumber(call.peer)}</span>}
        </div>
        <PeerPresenceLine peer={call.peer} withLine={false} dot />
        <div className="call-meta">
          <span className="call-state">{t(`callState.${call.state}`)}</span>
          {call.state === 'terminated' && call.endReason && (
            <span className="call-reason muted">{t(`endReason.${call.endReason}`)}</span>
          )}
          <span className="call-timer" role="timer">
            {formatDuration(until - since)}
          </span>
        </div>
        {(call.remoteHeld || call.muted || call.answeredByVoicemail || conferenced) && (
          <div className="call-flags">
            {conferenced && (
              <span className="flag flag-conference" data-testid="call-in-conference">
                {t('calls.inConference', { count: conferenceSize })}
              </span>
            )}
            {call.answeredByVoicemail && (
              <span className="flag" data-testid="call-voicemail">
                {t('calls.answeredByVoicemail')}
              </span>
            )}
            {call.remoteHeld && <span className="flag">{t('calls.remoteHeld')}</span>}
            {call.muted && <span className="flag">{t('calls.muted')}</span>}
          </div>
        )}
      </div>
      <div className="call-actions">
        {inCall &&
          !conferenced &&
          (call.held ? (
            <ActionButton
              testId="call-resume"
              icon="play"
              label={t('calls.resume')}
              pressed
              onClick={() => void setHold(call.id, false)}
            />
          ) : (
            <ActionButton
              testId="call-hold"
              icon="pause"
              label={t('calls.hold')}
              onClick={() => void setHold(call.id, true)}
            />
          ))}
        {inCall &&
          (call.muted ? (
            <ActionButton
              testId="call-unmute"
              icon="mic-off"
              label={t('calls.unmute')}
              pressed
              onClick={() => void setMuted(call.id, false)}
            />
          ) : (
            <ActionButton
              testId="call-mute"
              icon="mic"
              label={t('calls.mute')}
              onClick={() => void setMuted(call.id, true)}
            />
          ))}
        {call.state === 'established' && (
          <ActionButton
            testId="call-keypad"
            icon="keypad"
            label={t('calls.keypad')}
            pressed={keypadOpen}
            onClick={() => (keypadOpen ? closeKeypad() : openKeypad(call.id))}
          />
        )}
        {call.state === 'established' && !conferenced && (
          <ActionButton
            testId="call-consult"
            icon="plus"
            label={t('calls.consult')}
            onClick={() =>
              void consult(call.id).then((held) => {
                // the second call is dialed from the Search/Dial field
                if (held) document.querySelector<HTMLInputElement>('[data-testid="dial-input"]')?.focus();
              })
            }
          />
        )}
        {call.state === 'held' && otherActive && (
          <ActionButton
            testId="call-alternate"
            icon="swap"
            label={t('calls.alternate')}
            onClick={() => void alternate(call.id)}
          />
        )}
        {call.state === 'held' && otherActiveId !== undefined && (
          <ActionButton
            testId="call-conference"
            icon="merge"
            label={t('calls.conference')}
            onClick={() => void conference(call.id, otherActiveId)}
          />
        )}
        {call.conferenceId !== undefined && (
          <ActionButton
            testId="call-conference-leave"
            icon="log-out"
            label={t('calls.leaveConference')}
            onClick={() => void leaveConference(call.conferenceId!)}
          />
        )}
        {!conferenced && (call.state === 'established' || call.state === 'held' || call.state === 'ringing-in') && (
          <ActionButton
            testId="call-transfer"
            icon="transfer"
            label={t('calls.transfer')}
            onClick={() => openTransfer(call.id)}
          />
        )}
        {call.state === 'ringing-in' && (
          <ActionButton
            testId="call-deflect"
            icon="voicemail"
            label={t('incoming.deflectHint')}
            onClick={() => void deflect(call.id)}
          />
        )}
        {call.state === 'ringing-in' && (
          <ActionButton
            testId="call-answer"
            icon="phone"
            label={t('incoming.answer')}
            answer
            onClick={() => void answer(call.id)}
          />
        )}
        {!ended && (
          <ActionButton
            testId="call-hangup"
            icon="phone-off"
            label={call.state === 'ringing-in' ? t('calls.reject') : t('calls.hangup')}
            danger
            onClick={() => void (call.state === 'ringing-in' ? reject(call.id) : hangup(call.id))}
          />
        )}
      </div>
      {keypadOpen && !ended && <Keypad callId={call.id} />}
    </li>
  );
}

interface ActionButtonProps {
  testId: string;
  icon: IconName;
  label: string;
  onClick: () => void;
  danger?: boolean;
  answer?: boolean;
  pressed?: boolean;
}

function ActionButton({ testId, icon, label, onClick, danger, answer, pressed }: ActionButtonProps): ReactElement {
  return (
    <IconButton
      icon={icon}
      label={label}
      testId={testId}
      className={`action-btn${danger ? ' btn-danger' : ''}${answer ? ' btn-answer-icon' : ''}`}
      pressed={pressed}
      onPress={onClick}
    />
  );
}
