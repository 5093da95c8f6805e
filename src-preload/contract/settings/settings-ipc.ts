/**
 * The user's settings (SPEC A1–A7, F2, F4, G1–G3) and the `settings.*`
 * channels. Other domains' settings values (popup visibility, view, audio
 * devices, headsets) are defined here because `Settings` is one record that
 * the engine stores and the renderer edits as a whole.
 */
import { z } from 'zod';

export const languageSchema = z.enum(['en', 'fr']);
export type Language = z.infer<typeof languageSchema>;

/** Up to four UC servers the user can choose from (SPEC A1); `address` is host or host:port (default port 8802). */
export const MAX_SERVERS = 4;

export const popupVisibilitySchema = z.enum(['always', '5s', '10s', 'minimized-only', 'never']);
/** 'always': while ringing; '5s'/'10s': hidden after that time; 'minimized-only': only while the main window is minimized/hidden. */
export type PopupVisibility = z.infer<typeof popupVisibilitySchema>;

export const dateFormatSchema = z.enum(['locale', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyy-mm-dd']);
export type DateFormat = z.infer<typeof dateFormatSchema>;

/** The main view's layouts (SPEC A6), in the order the view switcher offers them. */
export const MAIN_VIEWS = ['list', 'details', 'menu', 'collapsed'] as const;
export const mainViewSchema = z.enum(MAIN_VIEWS);
export type MainView = z.infer<typeof mainViewSchema>;

export const ZOOM_MIN = 0.5;
export const ZOOM_MAX = 2;

/**
 * Where the user moved the call keypad (SPEC F3): its top-left corner in CSS
 * pixels of the main window; the renderer keeps it inside the window.
 */
export interface KeypadPosition {
  x: number;
  y: number;
}

/** Largest keypad coordinate accepted (a window is never wider or taller). */
export const KEYPAD_POSITION_MAX = 16_384;
export const keypadPositionSchema = z.strictObject({
  x: z.number().int().min(0).max(KEYPAD_POSITION_MAX),
  y: z.number().int().min(0).max(KEYPAD_POSITION_MAX),
});

export interface HeadsetSettings {
  /** generic USB HID telephony devices (node-hid) */
  hid: boolean;
  /** Jabra (@gnaudio/jabra-js) */
  jabra: boolean;
  /** Poly/Plantronics through Poly Hub on 127.0.0.1:32017 */
  poly: boolean;
}

/**
 * Preferred audio devices by MediaDeviceInfo.deviceId; null = the system
 * default. A preferred device that is unplugged is replaced by the default
 * until it comes back (SPEC F4).
 */
export interface AudioSettings {
  microphoneId: string | null;
  speakerId: string | null;
  /** where the ring tone plays (separate from the call audio, SPEC F4) */
  ringingId: string | null;
}

export interface Settings {
  language: Language;
  /** saved server addresses, most recently used first (at most {@link MAX_SERVERS}) */
  servers: string[];
  /** log in automatically at start with the credentials kept by the OS keychain (SPEC A3) */
  autoLogin: boolean;
  /** start the app when the user logs in to the computer (SPEC A3) */
  launchAtStartup: boolean;
  /**
   * Global dial hotkey as an Electron accelerator ("F9", "Control+Alt+D"), or
   * null when off (SPEC G2). settings.update validates it (UcError
   * 'invalid-hotkey', details `[reason]` = a HotkeyError such as 'bare-key').
   */
  dialHotkey: string | null;
  /** "Always use this application for telephony links" (tel:, callto:, sip:; SPEC G1) */
  telephonyLinksDefault: boolean;
  /** headset integrations enabled per vendor (SPEC G3); all off by default */
  headsets: HeadsetSettings;
  /** when the incoming-call popup is shown (SPEC F2) */
  popupVisibility: PopupVisibility;
  /** how dates are shown (SPEC A7); 'locale' follows the UI language */
  dateFormat: DateFormat;
  /** start minimized to the tray: the main window is not shown at start (SPEC A3) */
  startMinimized: boolean;
  /** main window view (SPEC A5) */
  view: MainView;
  /** zoom factor of the main window, {@link ZOOM_MIN}–{@link ZOOM_MAX} (SPEC A6) */
  zoom: number;
  /** keep the main window above other windows (SPEC A6) */
  pinOnTop: boolean;
  /** preferred audio devices (SPEC F4) */
  audio: AudioSettings;
  /** the VoIP switch (SPEC F5): off, this computer places and answers no calls; on by default */
  voip: boolean;
  /** where the call keypad was moved to (SPEC F3); null: in its place under the call */
  keypadPosition: KeypadPosition | null;
}

/** Settings of a fresh install; the engine's store and the renderer (until the engine answers) start from these. */
export const DEFAULT_SETTINGS: Settings = {
  language: 'en',
  servers: [],
  autoLogin: false,
  launchAtStartup: false,
  dialHotkey: null,
  telephonyLinksDefault: false,
  headsets: { hid: false, jabra: false, poly: false },
  popupVisibility: 'always',
  dateFormat: 'locale',
  startMinimized: false,
  view: 'list',
  zoom: 1,
  pinOnTop: false,
  audio: { microphoneId: null, speakerId: null, ringingId: null },
  voip: true,
  keypadPosition: null,
};

const audioDeviceId = z.string().min(1).max(256);

/** Payload schemas of the settings channels. */
export const settingsInvokeSchemas = {
  'settings.get': z.strictObject({}),
  'settings.update': z.strictObject({
    language: languageSchema.optional(),
    servers: z.array(z.string().trim().min(1).max(255)).max(MAX_SERVERS).optional(),
    autoLogin: z.boolean().optional(),
    launchAtStartup: z.boolean().optional(),
    /** validated further by settings.update (validateAccelerator → 'invalid-hotkey') */
    dialHotkey: z.string().max(64).nullable().optional(),
    telephonyLinksDefault: z.boolean().optional(),
    /** partial: only the vendors given change */
    headsets: z
      .strictObject({ hid: z.boolean().optional(), jabra: z.boolean().optional(), poly: z.boolean().optional() })
      .optional(),
    popupVisibility: popupVisibilitySchema.optional(),
    dateFormat: dateFormatSchema.optional(),
    startMinimized: z.boolean().optional(),
    view: mainViewSchema.optional(),
    zoom: z.number().min(ZOOM_MIN).max(ZOOM_MAX).optional(),
    pinOnTop: z.boolean().optional(),
    /** partial: only the devices given change; null = system default */
    audio: z
      .strictObject({
        microphoneId: audioDeviceId.nullable().optional(),
        speakerId: audioDeviceId.nullable().optional(),
        ringingId: audioDeviceId.nullable().optional(),
      })
      .optional(),
    voip: z.boolean().optional(),
    keypadPosition: keypadPositionSchema.nullable().optional(),
  }),
} as const;

export interface SettingsInvokeResults {
  'settings.get': Settings;
  'settings.update': Settings;
}

export interface SettingsEventPayloads {
  'settings.onDidChange': Settings;
}

export const SETTINGS_EVENT_CHANNELS = { 'settings.onDidChange': true } satisfies Record<
  keyof SettingsEventPayloads,
  true
>;
