/**
 * The presence of a call's or a conversation's other party (SPEC B4, A6:
 * others' presence in every view) when that number is a colleague's — one
 * of the internal directory: their photo with the presence dot and busy lamp
 * (`PeerPhoto`), and their state, return time and note (`PeerPresenceLine`).
 * An external number gets the plain photo and no line. The watching is the
 * presence feature's (`useColleaguePresence`): live, one presence.watch.
 */
import type { ReactElement } from 'react';
import { ColleagueAvatar, ColleaguePresenceLine } from '../presence';
import { colleagueNumberOf } from './colleague-number';
import { PeerAvatar } from './peer-avatar';
import { usePeerEntry } from './use-peer-entry';

/** The internal number of the colleague behind `peer`; undefined for anyone else (or while unknown). */
export function usePeerColleague(peer: string): string | undefined {
  const entry = usePeerEntry(peer);
  return entry === undefined ? undefined : colleagueNumberOf(entry);
}

/** `lamp={false}` where the peer's line is no news (they are on the phone with us). */
export function PeerPhoto({
  peer,
  name,
  large,
  lamp = true,
}: {
  peer: string;
  name: string;
  large?: boolean;
  lamp?: boolean;
}): ReactElement {
  const colleague = usePeerColleague(peer);
  return (
    <ColleagueAvatar number={colleague} markUnknown={false} lamp={lamp}>
      <PeerAvatar peer={peer} name={name} large={large} />
    </ColleagueAvatar>
  );
}

export function PeerPresenceLine({
  peer,
  withLine = true,
  dot = false,
}: {
  peer: string;
  withLine?: boolean;
  dot?: boolean;
}): ReactElement | null {
  const colleague = usePeerColleague(peer);
  return colleague === undefined ? null : <ColleaguePresenceLine number={colleague} withLine={withLine} dot={dot} />;
}
