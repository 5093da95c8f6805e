/**
 * VoIP slice (SPEC F5, issue #15): the VoIP switch's status (on/off and why VoIP cannot work here)
 * and the STUN/TURN servers of Settings > VoIP. The switch itself is the `voip` setting (settings
 * slice); the status is asked again when the settings change and when the app loads.
 */
import type { IceServerView, VoipStatus } from '../../../../src-preload/contract/calls/voip-ipc';
import type { IpcErrorCode, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

export interface VoipSlice {
  /** null until asked */
  voipStatus: VoipStatus | null;
  /** the user's servers then the provisioned ones (null until listed) */
  iceServers: IceServerView[] | null;
  /** why the last add/remove failed ('invalid-ice-server', 'duplicate-ice-server'…) */
  iceServerError: IpcErrorCode | null;
  refreshVoipStatus(): Promise<void>;
  refreshIceServers(): Promise<void>;
  /** true when added */
  addIceServer(server: { url: string; username?: string; credential?: string }): Promise<boolean>;
  removeIceServer(url: string): Promise<void>;
  clearIceServerError(): void;
}

declare module '../../platform/store/app-state' {
  interface AppState extends VoipSlice {}
}

export function createVoipSlice(uc: UcApi): SliceCreator<VoipSlice> {
  return (set) => {
    let asking = 0;
    return {
      voipStatus: null,
      iceServers: null,
      iceServerError: null,

      async refreshVoipStatus() {
        const seq = ++asking;
        const result = await uc.invoke('voip.getStatus', {});
        if (seq === asking && result.ok) set({ voipStatus: result.value });
      },

      async refreshIceServers() {
        const result = await uc.invoke('voip.listIceServers', {});
        if (result.ok) set({ iceServers: result.value });
      },

      async addIceServer(server) {
        const result = await uc.invoke('voip.addIceServer', {
          url: server.url,
          ...(server.username ? { username: server.username } : {}),
          ...(server.credential ? { credential: server.credential } : {}),
        });
        set(result.ok ? { iceServers: result.value, iceServerError: null } : { iceServerError: result.error.code });
        return result.ok;
      },

      async removeIceServer(url) {
        const result = await uc.invoke('voip.removeIceServer', { url });
        set(result.ok ? { iceServers: result.value, iceServerError: null } : { iceServerError: result.error.code });
      },

      clearIceServerError() {
        set({ iceServerError: null });
      },
    };
  };
}
