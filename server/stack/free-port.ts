import { createSocket } from 'node:dgram';
import { assertNever } from '../../src-preload/contract/platform/assert-never';
import { createServer } from 'node:net';

/** Transport for which a port must be free. */
export type PortKind = 'tcp' | 'udp';

/**
 * Asks the OS for a free port on `host` (bind to port 0, read it, release it).
 * There is a small race until the real server binds; callers retry on EADDRINUSE.
 */
export async function getFreePort(kind: PortKind = 'tcp', host = '127.0.0.1'): Promise<number> {
  switch (kind) {
    case 'tcp':
      return new Promise<number>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, host, () => {
          const address = server.address();
          const port = typeof address === 'object' && address !== null ? address.port : 0;
          server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port from the OS'))));
        });
      });
    case 'udp':
      return new Promise<number>((resolve, reject) => {
        const socket = createSocket('udp4');
        socket.once('error', reject);
        socket.bind(0, host, () => {
          const port = socket.address().port;
          socket.close(() => resolve(port));
        });
      });
    default:
      return assertNever(kind);
  }
}

/**
 * Returns `count` distinct free ports of the given kinds (one per entry), e.g.
 * `getFreePorts(['tcp', 'udp'])`. Distinct, so that no two servers of one run collide.
 */
export async function getFreePorts(kinds: readonly PortKind[], host = '127.0.0.1'): Promise<number[]> {
  const ports: number[] = [];
  for (const kind of kinds) {
    let port = 0;
    // bounded: the OS hands out ephemeral ports in sequence, collisions are rare
    for (let attempt = 0; attempt < 20; attempt++) {
      port = await getFreePort(kind, host);
      if (!ports.includes(port)) break;
    }
    ports.push(port);
  }
  return ports;
}
