/**
 * @module
 * Computed strings kept by the string they were computed from (rendered story bodies, escaped
 * feed texts): least recently used out first, bounded by the bytes of keys and values (two a
 * character). A hit re-inserts the entry under the key it was stored with: the caller's key is
 * often an equal fresh copy (the body's JSON and more), which kept in the map would live on
 * until the next hit and be promoted to the old generation.
 */
export class KeptStrings {
  private readonly entries = new Map<string, { key: string; value: string; bytes: number }>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(key: string): string | undefined {
    const kept = this.entries.get(key)
    if (kept === undefined) return undefined
    this.entries.delete(kept.key)
    this.entries.set(kept.key, kept)
    return kept.value
  }

  /** Keeps a value computed after a miss, unless the pair alone would take an eighth of the bound. */
  set(key: string, value: string): void {
    // A value equal to its key is the same string: it costs nothing more.
    const bytes = 2 * (key.length + (value === key ? 0 : value.length))
    if (bytes > this.maxBytes / 8) return
    this.entries.set(key, { key, value, bytes })
    this.bytes += bytes
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(k)
      this.bytes -= v.bytes
    }
  }
}
