import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

/** A bencode value as rtpengine's ng protocol uses it (integers, byte strings, lists, dictionaries). */
export type NgValue = number | string | readonly NgValue[] | { readonly [key: string]: NgValue };

/**
 * Encodes a value in bencode (the BitTorrent encoding rtpengine's ng control protocol speaks,
 * https://github.com/sipwise/rtpengine#the-ng-control-protocol). Dictionary keys are sorted, as
 * bencode requires.
 */
export function bencode(value: NgValue): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`bencode: not an integer: ${value}`);
    return Buffer.from(`i${value}e`);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) {
    return Buffer.concat([Buffer.from('l'), ...value.map((item: NgValue) => bencode(item)), Buffer.from('e')]);
  }
  const dict = value as { readonly [key: string]: NgValue };
  const keys = Object.keys(dict).sort();
  return Buffer.concat([
    Buffer.from('d'),
    ...keys.flatMap((key) => [bencode(key), bencode(dict[key]!)]),
    Buffer.from('e'),
  ]);
}

/** Decodes one bencoded value (strings as UTF-8). Throws on malformed input. */
export function bdecode(input: Buffer): NgValue {
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`bdecode: ${why} at byte ${pos}`);
  };
  // bounded by the input: every step consumes at least one byte
  const next = (): NgValue => {
    const c = input[pos];
    if (c === undefined) return fail('unexpected end');
    if (c === 0x69 /* i */) {
      const end = input.indexOf(0x65, pos);
      if (end < 0) return fail('unterminated integer');
      const n = Number(input.subarray(pos + 1, end).toString('ascii'));
      if (!Number.isInteger(n)) return fail('bad integer');
      pos = end + 1;
      return n;
    }
    if (c === 0x6c /* l */) {
      pos++;
      const list: NgValue[] = [];
      while (input[pos] !== 0x65) {
        if (pos >= input.length) return fail('unterminated list');
        list.push(next());
      }
      pos++;
      return list;
    }
    if (c === 0x64 /* d */) {
      pos++;
      const dict: Record<string, NgValue> = {};
      while (input[pos] !== 0x65) {
        if (pos >= input.length) return fail('unterminated dictionary');
        const key = next();
        if (typeof key !== 'string') return fail('dictionary key is not a string');
        dict[key] = next();
      }
      pos++;
      return dict;
    }
    const colon = input.indexOf(0x3a, pos);
    if (colon < 0) return fail('bad string length');
    const length = Number(input.subarray(pos, colon).toString('ascii'));
    if (!Number.isInteger(length) || length < 0 || colon + 1 + length > input.length) return fail('bad string');
    const text = input.subarray(colon + 1, colon + 1 + length).toString('utf8');
    pos = colon + 1 + length;
    return text;
  };
  const value = next();
  if (pos !== input.length) fail('trailing bytes');
  return value;
}

/**
 * Sends one ng command (`{ command: 'ping' }`, `{ command: 'list' }`, `{ command: 'query', 'call-id': … }`)
 * over UDP and resolves with rtpengine's answer dictionary; rejects after `timeoutMs` without one.
 * Each message is `<cookie> <bencoded dictionary>`; the answer repeats the cookie.
 */
export function ngRequest(
  host: string,
  port: number,
  request: { readonly command: string; readonly [key: string]: NgValue },
  timeoutMs = 1_000,
): Promise<Record<string, NgValue>> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const cookie = randomBytes(8).toString('hex');
    let settled = false;
    const done = (error: Error | undefined, value?: Record<string, NgValue>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(value!);
    };
    const timer = setTimeout(
      () => done(new Error(`rtpengine ng ${request.command}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('error', (error) => done(error));
    socket.on('message', (message) => {
      const space = message.indexOf(0x20);
      if (space < 0 || message.subarray(0, space).toString('ascii') !== cookie) return;
      try {
        const value = bdecode(message.subarray(space + 1));
        if (typeof value !== 'object' || Array.isArray(value)) throw new Error('answer is not a dictionary');
        done(undefined, value as Record<string, NgValue>);
      } catch (error) {
        done(error as Error);
      }
    });
    socket.send(Buffer.concat([Buffer.from(`${cookie} `), bencode(request)]), port, host, (error) => {
      if (error) done(error);
    });
  });
}
