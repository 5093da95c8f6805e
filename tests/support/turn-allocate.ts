/**
 * One TURN Allocate over UDP with long-term credentials (RFC 5766 §6, RFC 5389 §10.2), for tests
 * that check which credentials a TURN server accepts: the first request gets 401 with REALM and
 * NONCE, the second carries USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (key MD5(user:realm:pass)).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

const MAGIC = 0x2112a442;
const ALLOCATE = 0x0003;
const ATTR = {
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  REALM: 0x0014,
  NONCE: 0x0015,
  REQUESTED_TRANSPORT: 0x0019,
};

type Attr = { type: number; value: Buffer };

function attribute(type: number, value: Buffer): Buffer {
  const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

function message(type: number, transaction: Buffer, attrs: Buffer[], key?: Buffer): Buffer {
  let body = Buffer.concat(attrs);
  const header = (length: number) => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(type, 0);
    h.writeUInt16BE(length, 2);
    h.writeUInt32BE(MAGIC, 4);
    transaction.copy(h, 8);
    return h;
  };
  if (key) {
    // MESSAGE-INTEGRITY covers the header with a length that already counts it (RFC 5389 §15.4)
    const withLength = header(body.length + 24);
    const hmac = createHmac('sha1', key)
      .update(Buffer.concat([withLength, body]))
      .digest();
    body = Buffer.concat([body, attribute(ATTR.MESSAGE_INTEGRITY, hmac)]);
  }
  return Buffer.concat([header(body.length), body]);
}

function parse(msg: Buffer): { type: number; attrs: Attr[] } {
  const attrs: Attr[] = [];
  let offset = 20;
  const end = Math.min(msg.length, 20 + msg.readUInt16BE(2));
  while (offset + 4 <= end) {
    const type = msg.readUInt16BE(offset);
    const length = msg.readUInt16BE(offset + 2);
    attrs.push({ type, value: msg.subarray(offset + 4, offset + 4 + length) });
    offset += 4 + Math.ceil(length / 4) * 4;
  }
  return { type: msg.readUInt16BE(0), attrs };
}

/** One UDP socket for both requests: coturn binds the nonce to the client's 5-tuple (else 438). */
function turnSocket(host: string, port: number): { send(request: Buffer): Promise<Buffer>; close(): void } {
  const socket = createSocket('udp4');
  let waiting: ((msg: Buffer) => void) | undefined;
  socket.on('message', (msg) => waiting?.(msg));
  return {
    send: (request, timeoutMs = 2000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no TURN answer')), timeoutMs);
        waiting = (msg) => {
          clearTimeout(timer);
          waiting = undefined;
          resolve(msg);
        };
        socket.send(request, port, host);
      }),
    close: () => socket.close(),
  };
}

const errorStatus = (attrs: Attr[]): number => {
  const e = attrs.find((a) => a.type === ATTR.ERROR_CODE)?.value;
  return e ? e[2]! * 100 + e[3]! : 0;
};

/** Allocates a UDP relay with `username`/`password`: `{ok: true}` or the error status coturn gave. */
export async function allocate(
  host: string,
  port: number,
  username: string,
  password: string,
  realm: string,
): Promise<{ ok: true } | { ok: false; status: number }> {
  const socket = turnSocket(host, port);
  try {
    return await allocateOn(socket, username, password, realm);
  } finally {
    socket.close();
  }
}

async function allocateOn(
  socket: ReturnType<typeof turnSocket>,
  username: string,
  password: string,
  realm: string,
): Promise<{ ok: true } | { ok: false; status: number }> {
  const transport = attribute(ATTR.REQUESTED_TRANSPORT, Buffer.from([17, 0, 0, 0]));
  const first = parse(await socket.send(message(ALLOCATE, randomBytes(12), [transport])));
  if (first.type !== 0x0113 || errorStatus(first.attrs) !== 401) throw new Error('expected a 401 challenge');
  const nonce = first.attrs.find((a) => a.type === ATTR.NONCE)!.value;
  const serverRealm = first.attrs.find((a) => a.type === ATTR.REALM)?.value.toString() ?? realm;
  const key = createHash('md5').update(`${username}:${serverRealm}:${password}`).digest();
  const second = parse(
    await socket.send(
      message(
        ALLOCATE,
        randomBytes(12),
        [
          transport,
          attribute(ATTR.USERNAME, Buffer.from(username)),
          attribute(ATTR.REALM, Buffer.from(serverRealm)),
          attribute(ATTR.NONCE, nonce),
        ],
        key,
      ),
    ),
  );
  if (second.type === 0x0103) return { ok: true };
  return { ok: false, status: errorStatus(second.attrs) };
}
