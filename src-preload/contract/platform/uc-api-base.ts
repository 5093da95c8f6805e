/** Default port of the UC server's HTTP API (SPEC A1): a server address without a port means this one. */
export const UC_API_DEFAULT_PORT = 8802;

/** Every HTTP route and the live-events WebSocket of the UC server live under this path (API v1). */
export const UC_API_BASE_PATH = '/api/v1';
