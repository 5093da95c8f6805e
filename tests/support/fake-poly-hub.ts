import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Poly (Plantronics) Hub: a real node:http server on 127.0.0.1
 * answering the Spokes REST endpoints the Poly adapter uses, with the JSON
 * envelopes of the real Hub (`{Description, Result, Type, Type_Name, isError, Err}`).
 *
 * Scripted: `pushEvent(action)` queues a CallServices/CallEvents entry as if
 * the user pressed a headset button. Like the real Hub (per Poly's sample code
 * and public mocks) our own commands are echoed as events: IncomingCall → 7
 * Ringing, Outgoing/Answer/ResumeCall → 6 InProgress, TerminateCall → 8 Ended,
 * MuteCall → 11/12. ASSUMPTION: the exact echo set of a real Hub was not
 * observable here; set `echo = false` to test without it.
 */

export interface FakeHubRequest {
  path: string;
  query: Record<string, string>;
}

export interface FakeHubDevice {
  Uid: string;
  ProductName: string;
  ManufacturerName: string;
  VendorId: number;
  ProductId: number;
}

interface HubEvent {
  Action: number;
  CallId: { Id: number; ConferenceId: number; InConference: boolean };
  CallSource: string;
  DeviceEvent: string;
}

export const DEFAULT_FAKE_DEVICE: FakeHubDevice = {
  Uid: 'df50e9f8775e2c90c4c7bfe932817424',
  ProductName: 'Poly BT700',
  ManufacturerName: 'Plantronics',
  VendorId: 0x047f,
  ProductId: 0x02f7,
};

export class FakePolyHub {
  readonly requests: FakeHubRequest[] = [];
  device: FakeHubDevice | null = DEFAULT_FAKE_DEVICE;
  echo = true;
  /** the Hub id of the last call the client announced */
  lastCallId: number | undefined;
  private readonly plugins = new Map<string, HubEvent[]>();
  private readonly sessions = new Set<string>();
  private server: Server | undefined;
  private portNumber = 0;

  /** Starts listening on 127.0.0.1 (`port` 0 = any free port). */
  static async start(port = 0): Promise<FakePolyHub> {
    const hub = new FakePolyHub();
    await hub.listen(port);
    return hub;
  }

  get port(): number {
    return this.portNumber;
  }

  /** Base URL to give the adapter. */
  get url(): string {
    return `http://127.0.0.1:${this.portNumber}/Spokes`;
  }

  get registeredPlugins(): string[] {
    return [...this.plugins.keys()];
  }

  async listen(port = this.portNumber): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.portNumber = (server.address() as AddressInfo).port;
  }

  /** Stops the server (the Hub quits); registrations are forgotten like a real restart. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.plugins.clear();
    this.sessions.clear();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Queues a call event for every registered plugin (a headset button press). */
  pushEvent(action: number, callId = this.lastCallId ?? 0): void {
    for (const queue of this.plugins.values()) queue.push(event(action, callId));
  }

  /** Requests to one method, e.g. `CallServices/MuteCall`. */
  requestsTo(path: string): FakeHubRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/Spokes\//, '');
    const query = Object.fromEntries(url.searchParams.entries());
    this.requests.push({ path, query });
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const ok = (description: string, result: unknown, type = 2, typeName = 'Bool'): void =>
      send(200, { Description: description, Result: result, Type: type, Type_Name: typeName, isError: false });
    const error = (description: string): void =>
      send(200, {
        Description: '',
        Err: { Description: description, Error_Code: 0, Type: 5 },
        Type: 1,
        Type_Name: 'Error',
        isError: true,
      });
    if (req.method !== 'GET' || !url.pathname.startsWith('/Spokes/')) return send(404, { isError: true });
    const name = query['name'] ?? '';
    const queue = this.plugins.get(name);
    const callId = (): number | undefined => {
      try {
        const parsed = JSON.parse(query['callID'] ?? '') as { Id?: unknown };
        return typeof parsed.Id === 'number' ? parsed.Id : undefined;
      } catch {
        return undefined;
      }
    };
    const callCommand = (description: string, echoAction: number | undefined, remember = false): void => {
      if (!queue) return error('Invalid plugin name');
      const id = callId();
      if (id === undefined) return error('Invalid callID');
      if (remember) this.lastCallId = id;
      if (this.echo && echoAction !== undefined) queue.push(event(echoAction, id));
      ok(description, true);
    };
    switch (path) {
      case 'SessionManager/Register':
        if (!name) return error('Invalid plugin name');
        if (this.plugins.has(name)) return error('Plugin exists');
        this.plugins.set(name, []);
        return ok('Session Manager Register', true);
      case 'SessionManager/IsActive':
        return queue ? ok('Is Active', true) : error('Invalid plugin name');
      case 'SessionManager/UnRegister':
        if (!this.plugins.delete(name)) return error('Invalid plugin name');
        return ok('Session Manager UnRegister', true);
      case 'DeviceServices/Info':
        return this.device ? ok('Active Device Info', this.device, 4, 'DeviceInfo') : error('no supported devices');
      case 'DeviceServices/Attach': {
        if (!this.device || query['uid'] !== this.device.Uid) return error('Invalid Uid');
        const session = `sess-${this.sessions.size + 1}`;
        this.sessions.add(session);
        return ok('Attach to device', session, 7, 'SessionHash');
      }
      case 'DeviceServices/Release':
        return this.sessions.delete(query['sess'] ?? '') ? ok('Release device', true) : error('Invalid session');
      case 'CallServices/IncomingCall':
        if (!query['contact']) return error('Invalid contact');
        return callCommand('Incoming Call', 7, true);
      case 'CallServices/OutgoingCall':
        return callCommand('Outgoing Call', 6, true);
      case 'CallServices/AnswerCall':
        return callCommand('Answered Call', 6);
      case 'CallServices/TerminateCall':
        return callCommand('Terminate Call', 8);
      case 'CallServices/HoldCall':
        return callCommand('Hold Call', undefined);
      case 'CallServices/ResumeCall':
        return callCommand('Resume Call', 6);
      case 'CallServices/MuteCall': {
        if (!queue) return error('Invalid plugin name');
        const muted = query['muted'];
        if (muted !== 'true' && muted !== 'false') return error('Invalid muted');
        if (this.echo) queue.push(event(muted === 'true' ? 11 : 12, this.lastCallId ?? 0));
        return ok('Mute Call', true);
      }
      case 'CallServices/CallEvents': {
        if (!queue) return error('Invalid plugin name');
        const events = queue.splice(0);
        return ok('Call Events', events, 10, 'CallStateArray');
      }
      default:
        return send(404, { Description: '', Err: { Description: 'Unknown method' }, isError: true });
    }
  }
}

function event(action: number, id: number): HubEvent {
  return {
    Action: action,
    CallId: { Id: id, ConferenceId: 0, InConference: false },
    CallSource: 'Switchboard',
    DeviceEvent: '',
  };
}
