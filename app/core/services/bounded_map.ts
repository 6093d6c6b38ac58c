/**
 * A map that holds at most `limit` entries: past it, the one read or written
 * longest ago goes first. For in-process caches that must not grow with
 * traffic.
 */
export class BoundedMap<Key, Value> {
  #entries = new Map<Key, Value>()

  constructor(private limit: number) {}

  get(key: Key): Value | undefined {
    if (!this.#entries.has(key)) return undefined
    const value = this.#entries.get(key)!
    // A Map keeps insertion order: writing again marks the entry as the newest
    this.#entries.delete(key)
    this.#entries.set(key, value)
    return value
  }

  set(key: Key, value: Value) {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!)
  }

  delete(key: Key) {
    this.#entries.delete(key)
  }

  clear() {
    this.#entries.clear()
  }
}
