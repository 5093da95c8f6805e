import type { ReactElement, ReactNode } from 'react';

/** One labelled on/off switch row of the settings screen. */
export function SettingSwitch({
  label,
  testId,
  checked,
  onChange,
  children,
}: {
  label: string;
  testId: string;
  checked: boolean;
  onChange(checked: boolean): void;
  /** extra line under the label (status, hint) */
  children?: ReactNode;
}): ReactElement {
  return (
    <div className="settings-switch">
      <label className="settings-row checkbox-row">
        <span>{label}</span>
        <input
          type="checkbox"
          role="switch"
          className="switch"
          data-testid={testId}
          checked={checked}
          onChange={(ev) => onChange(ev.target.checked)}
        />
      </label>
      {children}
    </div>
  );
}
