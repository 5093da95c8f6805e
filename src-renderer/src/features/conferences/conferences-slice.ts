/**
 * Conferences slice (SPEC I1–I6): the rooms as the engine last fetched them (active first), and
 * the actions on them. The list follows the engine's conferences.onDidChange events; joining is
 * a call to the room's `joinUri` (the server admits a member by identity, no PIN).
 */
import type { IpcErrorCode, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type {
  Conference,
  ConferencesView,
  NewConferenceParticipant,
} from '../../../../src-preload/contract/conferences';
import type { SliceCreator } from '../../platform/store/app-state';

export interface ConferencesSlice {
  conferences: Conference[];
  conferencesLoaded: boolean;
  /** why the last conference action failed */
  conferencesError: IpcErrorCode | null;
  refreshConferences(): Promise<void>;
  setConferences(view: ConferencesView): void;
  createConference(name: string): Promise<boolean>;
  renameConference(id: number, name: string): Promise<boolean>;
  deleteConference(id: number): Promise<void>;
  setConferenceGuestPin(id: number, enabled: boolean): Promise<void>;
  addConferenceParticipant(id: number, participant: NewConferenceParticipant): Promise<boolean>;
  /** Adds the colleagues of `numbers` who are not in the room yet (a favorites group, SPEC D4). */
  addConferenceColleagues(id: number, numbers: readonly string[]): Promise<void>;
  removeConferenceParticipant(id: number, participantId: number): Promise<void>;
  setConferenceModerator(id: number, participantId: number, moderator: boolean): Promise<void>;
  disconnectConferenceParticipant(id: number, participantId: number): Promise<void>;
  endConference(id: number): Promise<void>;
  /** Calls the room (one click: no PIN). */
  joinConference(id: number): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends ConferencesSlice {}
  interface MenuTabs {
    conferences: true;
  }
}

export function createConferencesSlice(uc: UcApi): SliceCreator<ConferencesSlice> {
  return (set, get) => {
    /** Runs a conferences.* action; the answer is the new list. */
    const act = async (run: () => ReturnType<UcApi['invoke']>): Promise<boolean> => {
      set({ conferencesError: null });
      const result = await run();
      if (!result.ok) {
        set({ conferencesError: result.error.code });
        return false;
      }
      get().setConferences(result.value as ConferencesView);
      return true;
    };
    return {
      conferences: [],
      conferencesLoaded: false,
      conferencesError: null,
      async refreshConferences() {
        const result = await uc.invoke('conferences.list', {});
        if (result.ok) get().setConferences(result.value);
      },
      setConferences(view) {
        set({ conferences: view.conferences, conferencesLoaded: view.loaded });
      },
      createConference: (name) => act(() => uc.invoke('conferences.create', { name })),
      renameConference: (id, name) => act(() => uc.invoke('conferences.rename', { id, name })),
      async deleteConference(id) {
        await act(() => uc.invoke('conferences.delete', { id }));
      },
      async setConferenceGuestPin(id, enabled) {
        await act(() => uc.invoke('conferences.setGuestPin', { id, enabled }));
      },
      addConferenceParticipant: (id, participant) =>
        act(() => uc.invoke('conferences.addParticipant', { id, participant })),
      async addConferenceColleagues(id, numbers) {
        const room = get().conferences.find((c) => c.id === id);
        if (!room) return;
        const present = new Set(room.participants.filter((p) => p.kind === 'internal').map((p) => p.number));
        // one by one, bounded by the room's size: the server refuses the 17th with a clear error
        for (const number of [...new Set(numbers)].filter((n) => !present.has(n))) {
          if (
            !(await act(() =>
              uc.invoke('conferences.addParticipant', { id, participant: { kind: 'internal', number } }),
            ))
          ) {
            return;
          }
        }
      },
      async removeConferenceParticipant(id, participantId) {
        await act(() => uc.invoke('conferences.removeParticipant', { id, participantId }));
      },
      async setConferenceModerator(id, participantId, moderator) {
        await act(() => uc.invoke('conferences.setModerator', { id, participantId, moderator }));
      },
      async disconnectConferenceParticipant(id, participantId) {
        await act(() => uc.invoke('conferences.disconnect', { id, participantId }));
      },
      async endConference(id) {
        await act(() => uc.invoke('conferences.end', { id }));
      },
      async joinConference(id) {
        const room = get().conferences.find((c) => c.id === id);
        if (!room) return;
        // the calls feature's dial: its errors show where every dial's do
        await get().dial(room.joinUri, room.name);
      },
    };
  };
}
