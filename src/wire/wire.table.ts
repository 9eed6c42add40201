import type { Generated, Selectable } from 'kysely'
import type { IncomingFormat } from './feed.js'

export type WireSourceKind = 'rss' | 'ninjs' | 'folder'
export type AttributionKind = 'agency' | 'outlet'

/** A configured source: a feed to poll, a NINJS push endpoint, or a watched folder. */
export interface WireSourceTable {
  id: Generated<number>
  /** What editors see in the intake list ("Reuters – świat"). */
  name: string
  kind: WireSourceKind
  /** Who the copy is attributed to on the published story ("Reuters"). */
  attribution_name: string
  attribution_kind: AttributionKind
  /** rss: the feed's URL. */
  url: string | null
  /** folder: a name under `<dataDir>/wire/`. */
  folder: string | null
  /** ninjs: sha256 of the bearer token (the token itself is shown once). */
  token_hash: string | null
  poll_minutes: number
  /** Items from this source leave the intake list after this many hours. */
  retain_hours: number
  enabled: number
  /** Conditional GET state. */
  etag: string | null
  last_modified: string | null
  /** Consecutive failures (exponential backoff). */
  failures: number
  last_polled_at: string | null
  last_ok_at: string | null
  /** The one pending poll: its job carries this time, older jobs are stale. */
  next_poll_at: string | null
  last_error: string | null
  /** A short Polish summary of the last poll ("3 nowe, 1 duplikat", "bez zmian (304)"). */
  last_result: string | null
  created_by: number | null
  created_at: string
  updated_at: string
}

export interface WireItemTable {
  id: Generated<number>
  source_id: number | null
  /** Attribution, copied from the source (or given for a URL import / pasted text). */
  source_name: string
  source_kind: AttributionKind
  format: IncomingFormat
  /** Same source + same guid is the same item: `<source id>:<sha256 of guid>` (or `url:<sha256>`). */
  dedupe_key: string | null
  guid: string | null
  url: string | null
  /** The URL normalised for comparison across sources (no fragment, no utm_*). */
  url_key: string | null
  headline: string
  lede: string
  byline: string
  /** Block document JSON. */
  body: string
  /** The first few hundred characters of text, for the list. */
  preview: string
  /** Identified from the text (ISO 639-1), null when unsure. */
  language: string | null
  /** What the source declared. */
  declared_language: string | null
  published_at: string | null
  received_at: string
  expires_at: string
  /** Normalised-text hash (exact duplicates). */
  text_hash: string
  /** MinHash signature (near duplicates). */
  signature: string
  /** The first item of its duplicate group; null for that first item. */
  duplicate_of: number | null
  /** NINJS version; a newer version replaces an item nobody took yet. */
  version: string | null
  taken_article_id: number | null
  taken_by: number | null
  taken_at: string | null
  /** Set when the item expired: its text is gone, the row stays a while to recognise repeats. */
  expired_at: string | null
  created_by: number | null
}

/** LSH bands of an item's MinHash signature: items sharing a band are compared. */
export interface WireItemBandTable {
  item_id: number
  band: string
}

export interface WireTables {
  wire_sources: WireSourceTable
  wire_items: WireItemTable
  wire_item_bands: WireItemBandTable
}

export type WireSourceRow = Selectable<WireSourceTable>
export type WireItemRow = Selectable<WireItemTable>
