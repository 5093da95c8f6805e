/**
 * "Transfer <caller> to…" (SPEC F2 Transfer on a ringing call = deflection;
 * F3 blind transfer on an answered or held call). The user types a number or
 * a name; names are looked up in the directories like the Search/Dial field
 * and each match offers its numbers. Enter transfers to what is typed. The
 * dialog closes by itself when the call ends meanwhile (calls slice).
 */
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';
import { formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
import { Icon } from '../../platform/ui/icon';

/** At most this many directory matches are offered. */
const MAX_SUGGESTIONS = 5;

export function TransferDialog(): ReactElement | null {
  const callId = useAppStore((s) => s.transferCallId);
  const call = useAppStore((s) => s.calls.find((c) => c.id === s.transferCallId));
  if (callId === null || call === undefined) return null;
  return (
    <TransferSheet
      key={callId}
      callId={callId}
      who={call.peerName ?? formatNumber(call.peer)}
      ringing={call.state === 'ringing-in'}
    />
  );
}

function TransferSheet({ callId, who, ringing }: { callId: string; who: string; ringing: boolean }): ReactElement {
  const { t } = useTranslation();
  const close = useAppStore((s) => s.closeTransfer);
  const transfer = useAppStore((s) => s.transfer);
  const error = useAppStore((s) => s.transferError);
  const searchEntries = useAppStore((s) => s.searchTransferTargets);
  const connect = useAppStore((s) => s.transferToCall);
  const calls = useAppStore((s) => s.calls);
  // attended transfer (SPEC F3): another answered call, e.g. the consultation call
  const answered = (state: string): boolean => state === 'established' || state === 'held';
  const otherCalls = ringing ? [] : calls.filter((c) => c.id !== callId && answered(c.state));
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<{ query: string; entries: DirectoryEntryView[] }>({ query: '', entries: [] });
  const query = target.trim();
  // digits are a number, not a search
  const searchable = query.length >= 2 && !/^[+\d\s().-]+$/.test(query);
  const matches = searchable && found.query === query ? found.entries : [];

  useEffect(() => {
    if (!searchable) return;
    let current = true;
    void searchEntries(query, MAX_SUGGESTIONS).then((entries) => {
      if (current) setFound({ query, entries });
    });
    return () => {
      current = false;
    };
  }, [query, searchable, searchEntries]);

  const submit = async (to: string): Promise<void> => {
    if (busy || !to.trim()) return;
    setBusy(true);
    await transfer(callId, to);
    setBusy(false);
  };

  return (
    <Dialog title={t('transfer.title', { who })} testId="transfer-dialog" className="transfer-dialog" onClose={close}>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          void submit(target);
        }}
      >
        <label className="field">
          <span>{t('transfer.target')}</span>
          <input
            type="text"
            data-testid="transfer-target"
            data-autofocus
            autoComplete="off"
            value={target}
            maxLength={128}
            placeholder={t('transfer.placeholder')}
            onChange={(ev) => setTarget(ev.target.value)}
          />
        </label>
        <p className="field-hint muted">{ringing ? t('transfer.hintRinging') : t('transfer.hintAnswered')}</p>
        {otherCalls.length > 0 && (
          <ul className="transfer-matches" aria-label={t('transfer.otherCalls')}>
            {otherCalls.map((other) => (
              <li key={other.id}>
                <button
                  type="button"
                  className="btn"
                  data-testid="transfer-connect"
                  data-call-id={other.id}
                  disabled={busy}
                  onClick={() => {
                    setBusy(true);
                    void connect(callId, other.id).finally(() => setBusy(false));
                  }}
                >
                  <Icon name="transfer" />
                  {t('transfer.connect', {
                    // calls now carry names (issue #8); the number still tells two parties apart
                    name:
                      other.peerName !== undefined
                        ? t('transfer.match', { name: other.peerName, number: formatNumber(other.peer) })
                        : formatNumber(other.peer),
                  })}
                </button>
              </li>
            ))}
          </ul>
        )}
        {matches.length > 0 && (
          <ul className="transfer-matches" data-testid="transfer-matches" aria-label={t('transfer.matches')}>
            {matches.flatMap((entry) =>
              entry.numbers.map((n) => (
                <li key={`${entry.id}-${n.kind}-${n.number}`}>
                  <button
                    type="button"
                    className="btn btn-link"
                    data-testid="transfer-match"
                    data-number={n.number}
                    onClick={() => void submit(n.number)}
                  >
                    {t('transfer.match', { name: entry.displayName, number: formatNumber(n.number) })}
                  </button>
                </li>
              )),
            )}
          </ul>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="transfer-error">
            {t(`error.${error}`)}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="transfer-submit"
            disabled={busy || !target.trim()}
          >
            <Icon name="transfer" />
            {t('transfer.submit')}
          </button>
          <button type="button" className="btn" data-testid="transfer-cancel" onClick={close}>
            {t('transfer.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
