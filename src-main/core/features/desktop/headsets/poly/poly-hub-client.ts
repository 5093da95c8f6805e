/**
 * Minimal client of the Poly (Plantronics) Hub "Spokes" REST API.
 *
 * Every call is `GET {base}/{Service}/{Method}?{query}` answering a JSON
 * envelope; shapes as used by Poly's own JavaScript sample (spokes.js) and
 * public integrations:
 *
 * ```json
 * {"Description":"Answered Call","Result":true,"Type":2,"Type_Name":"Bool","isError":false}
 * {"Description":"","Err":{"Description":"Plugin exists","Error_Code":0,"Type":5},"Type":1,"Type_Name":"Error","isError":true}
 * ```
 *
 * `Type` values: 1 Error, 2 Bool, 3 Integer, 4 DeviceInfo, 7 SessionHash,
 * 9 CallManagerState, 10 CallStateArray. Call IDs and contacts travel as JSON
 * in the query (`callID={"Id":12}`, `contact={"Name":"Alice"}`). The Hub
 * listens on 127.0.0.1:32017 (http) and 32018 (https, self-signed).
 */

export const DEFAULT_POLY_HUB_URL = 'http://127.0.0.1:32017/Spokes';

export interface SpokesEnvelope<T> {
  Description?: string;
  Result?: T;
  Type?: number;
  Type_Name?: string;
  isError?: boolean;
  Err?: { Description?: string; Error_Code?: number; Type?: number } | null;
}

/** `DeviceServices/Info` result (subset). */
export interface SpokesDeviceInfo {
  Uid: string;
  ProductName?: string;
  ManufacturerName?: string;
  VendorId?: number;
  ProductId?: number;
  IsAttached?: boolean;
}

/** One `CallServices/CallEvents` entry. */
export interface SpokesCallEvent {
  Action: number;
  CallId?: { Id?: number | string; ConferenceId?: number; InConference?: boolean };
  CallSource?: string;
  DeviceEvent?: string;
  Name?: string;
}

/** Why a Hub call failed: not reachable (Hub not running) or the Hub said no. */
export class PolyHubError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'refused' | 'protocol',
    message: string,
  ) {
    super(message);
    this.name = 'PolyHubError';
  }
}

export interface PolyHubClientOptions {
  /** default {@link DEFAULT_POLY_HUB_URL} */
  baseUrl?: string;
  /** per request, ms (default 3 000) */
  timeoutMs?: number;
  /** seam (default global fetch) */
  fetch?: typeof globalThis.fetch;
}

export class PolyHubClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof globalThis.fetch;

  constructor(options: PolyHubClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_POLY_HUB_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /**
   * Calls one method; resolves with `Result`.
   * @throws PolyHubError `unreachable` (connection refused, timeout), `refused` (isError) or `protocol`
   */
  async call<T>(path: string, query: Record<string, string | number | boolean> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) params.set(k, String(v));
    const qs = params.toString();
    const url = `${this.baseUrl}/${path}${qs ? `?${qs}` : ''}`;
    let response: Response;
    try {
      response = await this.fetchFn(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
      const detail = cause ?? (error instanceof Error ? error.message : String(error));
      throw new PolyHubError('unreachable', `Poly Hub not reachable at ${this.baseUrl} (${detail})`);
    }
    let body: SpokesEnvelope<T>;
    try {
      body = (await response.json()) as SpokesEnvelope<T>;
    } catch {
      throw new PolyHubError('protocol', `${path}: HTTP ${response.status}, not a Spokes JSON answer`);
    }
    if (!body || typeof body !== 'object') throw new PolyHubError('protocol', `${path}: empty answer`);
    if (body.isError) throw new PolyHubError('refused', `${path}: ${body.Err?.Description ?? 'error'}`);
    return body.Result as T;
  }
}
