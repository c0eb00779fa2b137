/**
 * Counts how often each key has been seen so far in a file, in flat typed arrays: 12 bytes per
 * distinct key at most 3/4 full, so ten million distinct keys take about 200 MB and no strings are
 * kept. Keys are held as 64-bit fingerprints (two 32-bit FNV-1a variants); two different keys
 * collide with probability about n²/2⁶⁵ (3·10⁻⁶ for n = 10⁷), and a collision only makes the
 * later key count from 2, which keeps every key in the file distinct.
 * @example const counter = new OccurrenceCounter(); counter.next('a') // 1; counter.next('a') // 2
 */
export class OccurrenceCounter {
  #low = new Uint32Array(1024)
  #high = new Uint32Array(1024)
  #counts = new Uint32Array(1024)
  #size = 0

  /** Notes one more occurrence of `key` and returns its count so far (1 the first time). */
  next(key: string): number {
    let low = 0x811c9dc5
    let high = 0x01000193
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i)
      low = Math.imul(low ^ code, 0x01000193)
      high = Math.imul(high ^ code, 0x5bd1e995) ^ (high >>> 15)
    }
    low >>>= 0
    high >>>= 0
    const slot = this.#find(low, high)
    const count = (this.#counts[slot] ?? 0) + 1
    if (count === 1) {
      this.#low[slot] = low
      this.#high[slot] = high
      this.#size++
    }
    this.#counts[slot] = count
    if (this.#size * 4 > this.#counts.length * 3) {
      this.#grow()
    }
    return count
  }

  /** the slot holding this fingerprint, or the empty slot where it belongs */
  #find(low: number, high: number): number {
    const mask = this.#counts.length - 1
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask
    while (
      (this.#counts[slot] ?? 0) !== 0 &&
      (this.#low[slot] !== low || this.#high[slot] !== high)
    ) {
      slot = (slot + 1) & mask
    }
    return slot
  }

  #grow(): void {
    const low = this.#low
    const high = this.#high
    const counts = this.#counts
    this.#low = new Uint32Array(counts.length * 2)
    this.#high = new Uint32Array(counts.length * 2)
    this.#counts = new Uint32Array(counts.length * 2)
    for (let i = 0; i < counts.length; i++) {
      const count = counts[i] ?? 0
      if (count !== 0) {
        const slot = this.#find(low[i] ?? 0, high[i] ?? 0)
        this.#low[slot] = low[i] ?? 0
        this.#high[slot] = high[i] ?? 0
        this.#counts[slot] = count
      }
    }
  }
}
