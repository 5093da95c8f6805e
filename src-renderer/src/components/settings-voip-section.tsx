/**
 * Settings > VoIP (SPEC F2, G3): incoming-popup visibility and the headset
 * integrations per vendor with their live status (running, unavailable and
 * why, devices found).
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  popupVisibilitySchema,
  type HeadsetVendorStatusView,
  type PopupVisibility,
} from '../../../src-preload/contract/ipc-contract';
import { assertNever } from '../lib/assert-never';
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
