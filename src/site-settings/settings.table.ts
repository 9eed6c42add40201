export interface SettingTable {
  key: string
  /** JSON, validated by the schema of its key (settings.ts). */
  value: string
}

export interface SiteTables {
  settings: SettingTable
}
