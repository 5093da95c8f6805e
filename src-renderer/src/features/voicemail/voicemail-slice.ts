/**
 * Voicemail slice (SPEC H1/H2): the mailbox as the engine last fetched it,
 * and the recording being played. Playing a message loads its audio (data:
 * URL) and marks it listened; the list follows the engine's
 * voicemail.onDidChange events (new message, or a change from another device).
 */
import type { IpcErrorCode, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { VoicemailListView, VoicemailView } from '../../../../src-preload/contract/voicemail';
import type { SliceCreator } from '../../platform/store/app-state';

export interface VoicemailSlice {
  /** newest first */
  voicemails: VoicemailView[];
  voicemailsLoaded: boolean;
  /** the message whose audio is loaded in the player, or null */
  voicemailPlaying: { id: string; dataUrl: string } | null;
  /** the message whose audio is being fetched, or null */
  voicemailLoading: string | null;
  /** why the last voicemail action failed */
  voicemailError: IpcErrorCode | null;
  refreshVoicemails(): Promise<void>;
  setVoicemails(view: VoicemailListView): void;
  /** Loads the recording into the player and marks the message listened. */
  playVoicemail(id: string): Promise<void>;
  stopVoicemail(): void;
  setVoicemailListened(id: string, listened: boolean): Promise<void>;
  deleteVoicemail(id: string): Promise<void>;
  /** Shows the voicemail list (menu tab in the Menu view; a notification click). */
  openVoicemail(): void;
}

declare module '../../platform/store/app-state' {
  interface AppState extends VoicemailSlice {}
  interface MenuTabs {
    voicemail: true;
  }
}

/** Messages not listened to yet. */
export function newVoicemailCount(voicemails: readonly VoicemailView[]): number {
  return voicemails.filter((v) => !v.listened).length;
}

export function createVoicemailSlice(uc: UcApi): SliceCreator<VoicemailSlice> {
  return (set, get) => ({
    voicemails: [],
    voicemailsLoaded: false,
    voicemailPlaying: null,
    voicemailLoading: null,
    voicemailError: null,
    async refreshVoicemails() {
      const result = await uc.invoke('voicemail.list', {});
      if (result.ok) get().setVoicemails(result.value);
    },
    setVoicemails(view) {
      const playing = get().voicemailPlaying;
      // the message in the player was deleted (here or on another device): stop it
      const keep = playing !== null && view.voicemails.some((v) => v.id === playing.id);
      set({
        voicemails: view.voicemails,
        voicemailsLoaded: view.loaded,
        ...(keep ? {} : { voicemailPlaying: null }),
      });
    },
    async playVoicemail(id) {
      set({ voicemailLoading: id, voicemailError: null });
      const result = await uc.invoke('voicemail.getAudio', { id });
      if (get().voicemailLoading !== id) return;
      if (!result.ok) {
        set({ voicemailLoading: null, voicemailError: result.error.code });
        return;
      }
      set({ voicemailLoading: null, voicemailPlaying: { id, dataUrl: result.value.dataUrl } });
      if (get().voicemails.find((v) => v.id === id)?.listened === false) {
        await get().setVoicemailListened(id, true);
      }
    },
    stopVoicemail() {
      set({ voicemailPlaying: null, voicemailLoading: null });
    },
    async setVoicemailListened(id, listened) {
      // optimistic: the counter follows at once; the engine's event confirms (or the refresh restores)
      const before = get().voicemails;
      set({ voicemails: before.map((v) => (v.id === id ? { ...v, listened } : v)), voicemailError: null });
      const result = await uc.invoke('voicemail.setListened', { id, listened });
      if (!result.ok) {
        set({ voicemailError: result.error.code });
        await get().refreshVoicemails();
      }
    },
    async deleteVoicemail(id) {
      set({ voicemailError: null });
      const result = await uc.invoke('voicemail.delete', { id });
      if (!result.ok) {
        set({ voicemailError: result.error.code });
        return;
      }
      set({
        voicemails: get().voicemails.filter((v) => v.id !== id),
        ...(get().voicemailPlaying?.id === id ? { voicemailPlaying: null } : {}),
      });
    },
    openVoicemail() {
      const state = get();
      state.setView('main');
      state.setMenuTab('voicemail');
    },
  });
}
