/**
 * The pure parts of SIP MESSAGE <-> instant messages (issue #12): what Kamailio POSTs
 * (parseInboundSipMessage), which registered devices are phones (phoneContactsOf), the
 * tm.t_uac_wait request (messageRequestOf, statusOf), the sender over a fake JSON-RPC, and the
 * Kamailio template's placeholder.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidSipMessageError,
  parseInboundSipMessage,
} from '../../../server/src/features/messages/sip-message-inbound';
import {
  SipMessageSender,
  messageRequestOf,
  phoneContactsOf,
  statusOf,
} from '../../../server/src/features/messages/sip-message-outbound';
import { KamailioRpc } from '../../../server/src/platform/kamailio-rpc';
import { renderKamailioConfig } from '../../../server/stack/kamailio-config';
import { MESSAGE_MAX_LENGTH } from '../../../src-preload/contract/messages';

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const inbound = (over: Record<string, unknown> = {}) => ({
  from: '100',
  to: '101',
  callId: b64('abc@phone'),
  cseq: 7,
  text: b64('Bonjour, ça va ?'),
  ...over,
});

describe('parseInboundSipMessage', () => {
  it('decodes the UTF-8 text and derives one key per transaction (Call-ID + CSeq)', () => {
    const parsed = parseInboundSipMessage(inbound());
    expect(parsed).toMatchObject({ from: '100', to: '101', text: 'Bonjour, ça va ?' });
    expect(parsed.key).toMatch(/^sip-message-[0-9a-f]{40}$/);
    expect(parseInboundSipMessage(inbound()).key).toBe(parsed.key);
    expect(parseInboundSipMessage(inbound({ cseq: 8 })).key).not.toBe(parsed.key);
    expect(parseInboundSipMessage(inbound({ callId: b64('other') })).key).not.toBe(parsed.key);
  });

  it('refuses invalid UTF-8, empty and too long texts, and malformed bodies', () => {
    const status = (body: unknown): number | undefined => {
      try {
        parseInboundSipMessage(body);
        return undefined;
      } catch (error) {
        return error instanceof InvalidSipMessageError ? error.status : -1;
      }
    };
    expect(status(inbound({ text: b64(Buffer.from([0x63, 0x61, 0x66, 0xe9])) }))).toBe(400);
    expect(status(inbound({ text: b64('   ') }))).toBe(400);
    expect(status(inbound({ text: '' }))).toBe(400);
    expect(status(inbound({ text: b64('x'.repeat(MESSAGE_MAX_LENGTH + 1)) }))).toBe(413);
    expect(status(inbound({ text: b64('x'.repeat(MESSAGE_MAX_LENGTH)) }))).toBeUndefined();
    expect(status(inbound({ from: '100@evil' }))).toBe(400);
    expect(status(inbound({ extra: 1 }))).toBe(400);
    expect(status(inbound({ text: 'not base64!' }))).toBe(400);
  });
});

const contact = (fields: Record<string, unknown>) => ({
  Contact: {
    Address: 'sip:101-x@127.0.0.1:5062',
    Expires: 300,
    'User-Agent': 'baresip v1.0.0 (x86_64/linux)',
    Received: '[not set]',
    Path: '[not set]',
    Socket: 'udp:127.0.0.1:5060',
    ...fields,
  },
});

describe('phoneContactsOf', () => {
  it('keeps plain SIP devices, drops Switchboard clients (app, voicemail) and expired contacts', () => {
    const lookup = {
      AoR: '101',
      Contacts: [
        contact({}),
        contact({ Address: 'sip:a@x.invalid;transport=ws', 'User-Agent': 'Switchboard', Socket: 'tcp:127.0.0.1:8080' }),
        contact({ Address: 'sip:vm@x.invalid;transport=ws', 'User-Agent': 'Switchboard-Voicemail' }),
        contact({ Address: 'sip:101@192.168.1.20:5060', Received: 'sip:203.0.113.7:40000', 'User-Agent': 'Yealink' }),
        contact({ Address: 'sip:old@127.0.0.1', Expires: 'expired' }),
        contact({ Address: 'sip:softphone@127.0.0.1:5070', 'User-Agent': 'SwitchboardFake' }),
        { Contact: { Expires: 10 } },
        'junk',
      ],
    };
    expect(phoneContactsOf(lookup)).toEqual([
      { uri: 'sip:101-x@127.0.0.1:5062', socket: 'udp:127.0.0.1:5060' },
      { uri: 'sip:101@192.168.1.20:5060', received: 'sip:203.0.113.7:40000', socket: 'udp:127.0.0.1:5060' },
      { uri: 'sip:softphone@127.0.0.1:5070', socket: 'udp:127.0.0.1:5060' },
    ]);
    expect(phoneContactsOf(undefined)).toEqual([]);
    expect(phoneContactsOf({ Contacts: 'x' })).toEqual([]);
  });
});

describe('messageRequestOf / statusOf', () => {
  it('builds a MESSAGE From the sender (display name quoted), to the contact through its NAT address', () => {
    const [method, ruri, nextHop, socket, headers, body] = messageRequestOf(
      { from: '100', fromName: 'Alice "Al" \\ M.\r\nX-Evil: 1', to: '101', text: 'Salut' },
      { uri: 'sip:101@192.168.1.20:5060', received: 'sip:203.0.113.7:40000', socket: 'udp:10.0.0.1:5060' },
      'uc.test',
    );
    expect([method, ruri, nextHop, socket, body]).toEqual([
      'MESSAGE',
      'sip:101@192.168.1.20:5060',
      'sip:203.0.113.7:40000',
      'udp:10.0.0.1:5060',
      'Salut',
    ]);
    expect(headers).toBe(
      'From: "Alice \\"Al\\" \\\\ M. X-Evil: 1" <sip:100@uc.test>\r\n' +
        'To: <sip:101@uc.test>\r\n' +
        'P-Asserted-Identity: <sip:100@uc.test>\r\n' +
        'Content-Type: text/plain;charset=UTF-8\r\n',
    );
    const plain = messageRequestOf({ from: '100', fromName: 'A', to: '101', text: 'x' }, { uri: 'sip:a@b' }, 'd');
    expect(plain.slice(1, 4)).toEqual(['sip:a@b', '.', '.']);
  });

  it('reads the SIP status of a t_uac_wait answer', () => {
    expect(statusOf([200, 'OK', '', '', '', 'Via: …'])).toBe(200);
    expect(statusOf({ code: 486 })).toBe(486);
    expect(statusOf(['480'])).toBe(480);
    expect(statusOf('x')).toBeUndefined();
  });
});

describe('SipMessageSender over a fake Kamailio JSON-RPC', () => {
  const rpcWith = (answer: (method: string, params: unknown[]) => unknown) => {
    const calls: { method: string; params: unknown[] }[] = [];
    const rpc = new KamailioRpc({
      url: 'http://127.0.0.1:1/RPC',
      secret: 'x',
      fetch: async (_url, init) => {
        const { method, params, id } = JSON.parse(String(init.body)) as {
          method: string;
          params: unknown[];
          id: number;
        };
        calls.push({ method, params });
        const result = answer(method, params);
        const body = result instanceof Error ? { error: { message: result.message }, id } : { result, id };
        return new Response(JSON.stringify(body), { status: 200 });
      },
    });
    return { rpc, calls };
  };

  it('sends one MESSAGE per phone and counts those that took it', async () => {
    const { rpc, calls } = rpcWith((method, params) =>
      method === 'ul.lookup'
        ? {
            Contacts: [
              contact({}),
              contact({ Address: 'sip:b@127.0.0.1:5064' }),
              contact({ 'User-Agent': 'Switchboard' }),
            ],
          }
        : params[1] === 'sip:b@127.0.0.1:5064'
          ? [480, 'Temporarily Unavailable']
          : [200, 'OK'],
    );
    const result = await new SipMessageSender(rpc, '127.0.0.1').deliver({
      from: '100',
      fromName: 'Alice',
      to: '101',
      text: 'Hi',
    });
    expect(result).toEqual({ devices: 2, delivered: 1 });
    expect(calls.map((c) => c.method)).toEqual(['ul.lookup', 'tm.t_uac_wait', 'tm.t_uac_wait']);
    expect(calls[0]!.params).toEqual(['location', '101']);
  });

  it('a user without a registered device has no phone (usrloc answers with a fault)', async () => {
    const { rpc, calls } = rpcWith(() => new Error('AOR not found'));
    expect(await new SipMessageSender(rpc, 'd').deliver({ from: '1', fromName: 'A', to: '2', text: 'x' })).toEqual({
      devices: 0,
      delivered: 0,
    });
    expect(calls).toHaveLength(1);
  });
});

describe('Kamailio template', () => {
  const base = {
    host: '127.0.0.1',
    wsPort: 1000,
    udpPort: 1001,
    dbPath: '/tmp/kam.sqlite',
    ctlSocket: '/tmp/ctl',
  } as const;
  const routing = {
    url: 'http://127.0.0.1:9/api/v1/internal/call-route',
    watchUrl: 'http://127.0.0.1:9/api/v1/internal/watch-policy',
    lineEventsUrl: 'http://127.0.0.1:9/api/v1/internal/line-events',
    sipMessageUrl: 'http://127.0.0.1:9/api/v1/internal/sip-message',
    secret: 'ab'.repeat(16),
  };

  it('hands MESSAGE to the UC server only with call routing, at the URL given', () => {
    const cfg = renderKamailioConfig({ ...base, callRouting: routing });
    expect(cfg).toContain('http_client_query("http://127.0.0.1:9/api/v1/internal/sip-message"');
    expect(cfg).toMatch(/route\(SIP_MESSAGE\);\n\troute\(LOCATION\);/);
    expect(() => renderKamailioConfig({ ...base, callRouting: { ...routing, sipMessageUrl: 'http://x/"a' } })).toThrow(
      /Invalid callRouting URL/,
    );
  });
});
