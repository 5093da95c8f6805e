import type { Generated } from 'kysely';

/**
 * Kysely table types of the SIP trunks and DIDs (migration 0022, issue #12),
 * added to the server's Database. Read only by the CLI and by Kamailio's
 * internal queries: no public API route returns them (credentials inside).
 */
declare module '../../platform/db/database' {
  interface Database {
    trunks: TrunksTable;
    dids: DidsTable;
  }
}

// type aliases, not interfaces: Kysely's withTables needs an implicit index signature
export type TrunksTables = { trunks: TrunksTable; dids: DidsTable };

/** How numbers are written in the Request-URI and caller ID sent to the carrier. */
export type TrunkNumberFormat = 'e164' | 'national';
/** SIP transport towards the carrier. */
export type TrunkTransport = 'udp' | 'tcp' | 'tls';

/** One SIP trunk to a carrier (ITSP). */
export type TrunksTable = {
  id: Generated<number>;
  /** administrator's name, unique ("carrier-a") */
  name: string;
  /** carrier's SIP address: IPv4 or DNS name, port, transport */
  host: string;
  port: number;
  transport: TrunkTransport;
  /**
   * Digest credentials for the carrier's 401/407 (Kamailio uac_auth), in clear: Kamailio needs the
   * password itself. Never returned by the public API, masked by list-trunks; null = IP trust only.
   */
  auth_username: string | null;
  auth_password: string | null;
  /** JSON array of trusted source addresses of the carrier's INVITEs: "203.0.113.5" or "203.0.113.5:5060" */
  sources: string;
  number_format: TrunkNumberFormat;
  /** ISO 3166 country of national numbers on this trunk (else the server setting) */
  country: string | null;
  /** the company's main number (+E.164): caller ID of users without a DID of their own */
  main_number: string | null;
  /** order of preference (lowest first) */
  priority: number;
  created_at: number;
};

/** A public number (DID) of the company, mapped to the user it rings. */
export type DidsTable = {
  /** +E.164, compact ("+33123456789") */
  number: string;
  account_id: number;
  created_at: number;
};
