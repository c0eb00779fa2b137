// 2^24 slots of 4 bytes: 64 MiB whatever the file's size, and room for about 11.7 million keys
const SLOT_BITS = 24
const SLOTS = 1 << SLOT_BITS
const MASK = SLOTS - 1
/** past this load, probing slows and false "maybe seen" answers multiply: the set says it is full */
const MAX_KEYS = Math.floor(SLOTS * 0.7)

/**
 * The keys an import has written, as 32-bit fingerprints in a fixed open-addressed table, so a
 * first bulk load can write without the key's unique index and still know every repeat.
 * `add` answers false only for a key never added (exact: equal keys have equal fingerprints);
 * true means "maybe seen" — a real repeat, or rarely (about keys / 2^32 per call) another key with
 * the same fingerprint — and the caller settles those records exactly once the index is back.
 * @example const seen = new KeyFingerprints(); seen.add('id:A-1') // false, then true
 */
export class KeyFingerprints {
  // allocated on first use: most imports never need it
  #slots: Uint32Array | null = null
  #count = 0

  /** True once the set holds as many keys as it answers well for: stop adding then. */
  get full(): boolean {
    return this.#count >= MAX_KEYS
  }

  /** Adds `key`; true when it may have been added before (then nothing changes). */
  add(key: string): boolean {
    this.#slots ??= new Uint32Array(SLOTS)
    const slots = this.#slots
    // FNV-1a twice with different offsets: one picks the slot, the other is the fingerprint
    let slotHash = 0x811c9dc5
    let print = 0x01000193
    for (let index = 0; index < key.length; index += 1) {
      const code = key.charCodeAt(index)
      slotHash = Math.imul(slotHash ^ code, 0x01000193)
      print = Math.imul(print ^ code, 0x5bd1e995)
    }
    // 0 marks an empty slot, so a fingerprint is never 0
    const fingerprint = (print ^ (print >>> 15)) >>> 0 || 1
    let slot = (slotHash ^ (slotHash >>> 16)) & MASK
    for (;;) {
      const stored = slots[slot] ?? 0
      if (stored === 0) {
        slots[slot] = fingerprint
        this.#count += 1
        return false
      }
      if (stored === fingerprint) {
        return true
      }
      slot = (slot + 1) & MASK
    }
  }

  /** Frees the table. */
  clear(): void {
    this.#slots = null
    this.#count = 0
  }
}
