/**
 * Settings > VoIP > Audio devices (SPEC F4): microphone, speaker and a
 * separate ringing device, listed when shown and refreshed on plug/unplug.
 */
import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../../src-preload/contract/platform';
import { useAppStore } from '../../platform/store/use-app-store';
import { audioDeviceOptions, type AudioDeviceOption } from './audio-device-options';
import type { AudioRole } from './audio-slice';

const AUDIO_ROLES: readonly { role: AudioRole; kind: 'inputs' | 'outputs'; testId: string }[] = [
  { role: 'microphoneId', kind: 'inputs', testId: 'settings-audio-microphone' },
  { role: 'speakerId', kind: 'outputs', testId: 'settings-audio-speaker' },
  { role: 'ringingId', kind: 'outputs', testId: 'settings-audio-ringing' },
];

/** Microphone, speaker and ringing device (SPEC F4); listed when shown, refreshed on plug/unplug. */
export function AudioDevicesSettings(): ReactElement {
  const { t } = useTranslation();
  const refresh = useAppStore((s) => s.refreshAudioDevices);
  const error = useAppStore((s) => s.audioDevicesError);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <>
      <h3 className="settings-subtitle">{t('settings.audio.heading')}</h3>
      {AUDIO_ROLES.map((r) => (
        <AudioDeviceSelect key={r.role} {...r} />
      ))}
      {error && (
        <p className="field-hint" role="status" data-testid="settings-audio-error">
          {t(`error.${error}`)}
        </p>
      )}
    </>
  );
}

function AudioDeviceSelect({
  role,
  kind,
  testId,
}: {
  role: AudioRole;
  kind: 'inputs' | 'outputs';
  testId: string;
}): ReactElement {
  const { t } = useTranslation();
  const chosen = useAppStore((s) => s.settings.audio[role]);
  const devices = useAppStore((s) => s.audioDevices?.[kind]);
  const setAudioDevice = useAppStore((s) => s.setAudioDevice);
  const id = `settings-audio-${role}`;
  return (
    <div className="settings-field">
      <label htmlFor={id}>{t(`settings.audio.${role}`)}</label>
      <select
        id={id}
        data-testid={testId}
        value={chosen ?? ''}
        onChange={(ev) => void setAudioDevice(role, ev.target.value === '' ? null : ev.target.value)}
      >
        {audioDeviceOptions(devices, chosen).map((option) => (
          <option key={`${option.kind}:${option.value}`} value={option.value}>
            {optionText(t, option)}
          </option>
        ))}
      </select>
    </div>
  );
}

function optionText(t: (key: string, values?: Record<string, string>) => string, option: AudioDeviceOption): string {
  switch (option.kind) {
    case 'default':
      return t('settings.audio.systemDefault');
    case 'device':
      return option.label || t('settings.audio.unnamed', { index: String(option.index) });
    case 'missing':
      return t('settings.audio.missing');
    default:
      return assertNever(option, 'unknown audio device option');
  }
}
