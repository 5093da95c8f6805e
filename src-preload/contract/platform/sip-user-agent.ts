/**
 * The User-Agent every Switchboard SIP client registers with (the app; the server's agents add a
 * suffix, e.g. `Switchboard-Voicemail`). The UC server tells its own clients from plain SIP devices
 * by it in the registrar (usrloc keeps each contact's User-Agent): instant messages go to the app
 * through the UC server, and as SIP MESSAGE only to the other devices (issue #12).
 */
export const SWITCHBOARD_USER_AGENT = 'Switchboard';
