/**
 * A TCP relay on 127.0.0.1 between a client and a server that a test can
 * break the way real networks break:
 * - `freeze()`: every open connection stays open but carries nothing either
 *   way (a half-open flow: Wi-Fi gone, NAT binding lost, a proxy that stopped
 *   reading) — neither end sees a FIN or RST;
 * - `cut()`: every open connection is reset at once.
 * New connections are relayed normally unless `refuseNew` is set.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
  frozen: boolean;
}

export class FreezableTcpProxy {
  private readonly pairs = new Set<Pair>();
  /** new connections are closed at once while true */
  refuseNew = false;
  /** connections accepted so far */
  accepted = 0;

  private constructor(
    private readonly server: Server,
    readonly target: { host: string; port: number },
  ) {}

  /** Listens on a random 127.0.0.1 port and relays to `target`. */
  static async start(target: { host: string; port: number }): Promise<FreezableTcpProxy> {
    const server = createServer();
    const proxy = new FreezableTcpProxy(server, target);
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Open relayed connections (frozen ones included). */
  get openConnections(): number {
    return this.pairs.size;
  }

  /** Every open connection goes silent in both directions, without closing. */
  freeze(): void {
    for (const pair of this.pairs) pair.frozen = true;
  }

  /** Every open connection is reset. */
  cut(): void {
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.refuseNew) {
      client.destroy();
      return;
    }
    this.accepted += 1;
    const upstream = connect(this.target.port, this.target.host);
    const pair: Pair = { client, upstream, frozen: false };
    this.pairs.add(pair);
    const end = (): void => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    // data of a frozen pair is swallowed: the sockets stay open and silent
    client.on('data', (chunk) => {
      if (!pair.frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!pair.frozen) client.write(chunk);
    });
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
