/**
 * Settings > VoIP > Headsets (SPEC G3): one switch per vendor with its live
 * status (running, unavailable and why, devices found); nothing is applied
 * while two calls run in parallel, which is said here.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { HEADSET_VENDORS, type HeadsetVendor } from '../../../../../src-preload/contract/desktop';
import type { HeadsetVendorStatusView } from '../../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../../src-preload/contract/platform';
import { useAppStore } from '../../../platform/store/use-app-store';
import { SettingSwitch } from '../../../platform/ui/setting-switch';

export { HEADSET_VENDORS };

export function HeadsetsSettings(): ReactElement {
  const { t } = useTranslation();
  const parallel = useAppStore((s) => s.headsetStatus?.state === 'parallel');
  return (
    <>
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
    </>
  );
}

function HeadsetSwitch({ vendor }: { vendor: HeadsetVendor }): ReactElement {
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
      return assertNever(adapter, 'unknown headset adapter state');
  }
}
