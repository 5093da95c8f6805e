/** Kysely table type of the server's own key/value settings (migration 0003), added to the Database. */
declare module './database' {
  interface Database {
    server_settings: ServerSettingsTable;
  }
}

export interface ServerSettingsTable {
  key: string;
  value: string;
}
