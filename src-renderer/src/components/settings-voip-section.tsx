/**
 * Settings > VoIP (SPEC F2, F4, G3): audio devices (microphone, speaker and a
 * separate ringing device, listed live), incoming-popup visibility and the
 * headset integrations per vendor with their live status (running,
 * unavailable and why, devices found).
 */
import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  popupVisibilitySchema,
  type HeadsetVendorStatusView,
  type PopupVisibility,
} from '../../../src-preload/contract/ipc-contract';
import { assertNever } from '../lib/assert-never';
import { audioDeviceOptions, type AudioDeviceOption } from '../lib/audio-device-options';
import type { AudioRole } from '../store/audio-slice';
import { useAppStore } from '../store/use-app-store';
import { SettingSwitch } from './setting-switch';

export const HEADSET_VENDORS = ['hid', 'jabra', 'poly'] as const;
type Vendor = (typeof HEADSET_VENDORS)[number];

export function SettingsVoipSection(): ReactElement {
  const { t } = useTranslation();
  const visibility = useAppStore((s) => s.settings.popupVisibility);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const parallel = useAppStore((s) => s.headsetStatus?.state === 'parallel');
  return (
    <section className="settings-section" aria-labelledby="settings-voip">
      <h2 id="settings-voip" className="section-title">
        {t('settings.voip')}
      </h2>
      <AudioDevicesFields />
      <div className="settings-field">
        <label htmlFor="settings-popup-visibility">{t('settings.popupVisibility')}</label>
        <select
          id="settings-popup-visibility"
          data-testid="settings-popup-visibility"
          value={visibility}
          aria-describedby="settings-popup-hint"
          onChange={(ev) => {
            const value = popupVisibilitySchema.safeParse(ev.target.value);
            if (value.success) void updateSettings({ popupVisibility: value.data satisfies PopupVisibility });
          }}
        >
          {popupVisibilitySchema.options.map((option) => (
            <option key={option} value={option}>
              {t(`settings.popup.${option}`)}
            </option>
          ))}
        </select>
        <p id="settings-popup-hint" className="field-hint muted">
          {t('settings.popupHint')}
        </p>
      </div>
      <h3 className="settings-subtitle">{t('headsets.heading')}</h3>
      <p className="field-hint muted">{t('headsets.hint')}</p>
      {HEADSET_VENDORS.map((vendor) => (
        <HeadsetSwitch key={vendor} vendor={vendor} />
      ))}
      {parallel && (
        <p className="field-hint" role="status">
          {t('headsets.parallel')}
        </p>
      )}
    </section>
  );
}

const AUDIO_ROLES: readonly { role: AudioRole; kind: 'inputs' | 'outputs'; testId: string }[] = [
  { role: 'microphoneId', kind: 'inputs', testId: 'settings-audio-microphone' },
  { role: 'speakerId', kind: 'outputs', testId: 'settings-audio-speaker' },
  { role: 'ringingId', kind: 'outputs', testId: 'settings-audio-ringing' },
];

/** Microphone, speaker and ringing device (SPEC F4); listed when shown, refreshed on plug/unplug. */
function AudioDevicesFields(): ReactElement {
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
      return assertNever(option, 'audio device option');
  }
}

function HeadsetSwitch({ vendor }: { vendor: Vendor }): ReactElement {
  const { t } = useTranslation();
  const enabled = useAppStore((s) => s.settings.headsets[vendor]);
  const status = useAppStore((s) => s.headsetStatus?.vendors.find((v) => v.vendor === vendor));
  const updateSettings = useAppStore((s) => s.updateSettings);
  const state = !enabled ? 'off' : (status?.adapter.state ?? 'unknown');
  return (
    <SettingSwitch
      label={t(`headsets.vendor.${vendor}`)}
      testId={`settings-headset-${vendor}`}
      checked={enabled}
      onChange={(checked) => void updateSettings({ headsets: { [vendor]: checked } })}
    >
      <p
        className={`headset-status state-${state}`}
        data-testid={`settings-headset-${vendor}-status`}
        data-state={state}
      >
        {headsetText(t, enabled, status)}
      </p>
    </SettingSwitch>
  );
}

function headsetText(
  t: (key: string, values?: Record<string, string>) => string,
  enabled: boolean,
  status: HeadsetVendorStatusView | undefined,
): string {
  if (!enabled) return t('headsets.state.off');
  if (!status) return t('headsets.state.unknown');
  const adapter = status.adapter;
  switch (adapter.state) {
    case 'running':
      return status.devices.length > 0
        ? t('headsets.state.runningDevices', { devices: status.devices.map((d) => d.name).join(', ') })
        : t('headsets.state.running');
    case 'unavailable':
      return t('headsets.state.unavailable', { reason: adapter.reason });
    case 'failed':
      return t('headsets.state.failed', { reason: adapter.reason });
    case 'starting':
      return t('headsets.state.starting');
    case 'stopped':
      return t('headsets.state.stopped');
    default:
      return assertNever(adapter, 'headset adapter state');
  }
}
