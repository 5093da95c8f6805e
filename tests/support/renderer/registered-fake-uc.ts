/**
 * The starting point of most renderer store tests: an engine logged in and
 * registered as 101, default settings, and no call, recent number or
 * journal entry yet.
 */
import { FakeUc, settingsOf } from './fake-uc';

/**
 * A {@link FakeUc} answering the channels the store reads when it connects
 * (`session.getState`, `settings.get`, `calls.list`, `dial.getRecent`,
 * `journal.list`). Chain `.handle()` to add the test's channels or to replace
 * one of these (the last handler of a channel wins).
 */
export function registeredFakeUc(): FakeUc {
  return new FakeUc()
    .handle('session.getState', () => ({ ok: true, value: { status: 'registered', user: '101' } }))
    .handle('settings.get', () => ({ ok: true, value: settingsOf() }))
    .handle('calls.list', () => ({ ok: true, value: [] }))
    .handle('dial.getRecent', () => ({ ok: true, value: [] }))
    .handle('journal.list', () => ({ ok: true, value: [] }));
}
