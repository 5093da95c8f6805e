/**
 * The Settings screen, section by section (SPEC A1–A3, A6, A7, F2, F4,
 * G1–G4, J, K): each block is a feature's component; a new setting is one
 * entry here (a block in an existing section, or a new section).
 */
import type { ComponentType } from 'react';
import { MAX_SERVERS } from '../../../src-preload/contract/ipc-contract';
import { AudioDevicesSettings } from '../features/calls';
import { SyncStatus } from '../features/directory';
import {
  BrowserNotificationsSetting,
  HeadsetsSettings,
  HotkeyField,
  LinksSettings,
  PopupSettings,
  ViewSettings,
  WindowSettings,
  ZoomSettings,
} from '../features/desktop';
import { LogoutSettings, PasswordSettings, TrustedCertificatesSettings } from '../features/session';
import { DateFormatSettings, GeneralSettings, ServersSettings } from '../features/settings';

export interface SettingsSection {
  /** `settings-<id>` is the heading's id */
  id: string;
  /** i18n key of the heading (none: a section without a title) */
  title?: { key: string; values?: Record<string, unknown> };
  blocks: readonly ComponentType[];
}

export const SETTINGS_SECTIONS: readonly SettingsSection[] = [
  { id: 'general', title: { key: 'settings.general' }, blocks: [GeneralSettings] },
  { id: 'voip', title: { key: 'settings.voip' }, blocks: [AudioDevicesSettings, PopupSettings, HeadsetsSettings] },
  {
    id: 'desktop',
    title: { key: 'settings.desktop' },
    blocks: [HotkeyField, LinksSettings, WindowSettings, BrowserNotificationsSetting],
  },
  { id: 'display', title: { key: 'settings.display' }, blocks: [ViewSettings, DateFormatSettings, ZoomSettings] },
  {
    id: 'servers',
    title: { key: 'settings.servers', values: { max: MAX_SERVERS } },
    blocks: [ServersSettings, TrustedCertificatesSettings],
  },
  { id: 'password', title: { key: 'settings.password' }, blocks: [PasswordSettings] },
  { id: 'sync', title: { key: 'settings.sync' }, blocks: [SyncStatus] },
  { id: 'logout', blocks: [LogoutSettings] },
];
