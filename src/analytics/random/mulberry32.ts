/**
 * A seeded uniform generator on [0, 1) with 32-bit resolution (Tommy Ettinger's mulberry32, public
 * domain): tiny, fast and reproducible, for simulations and benchmarks — not for anything secret.
 *
 * @example
 * ```ts
 * const uniform = createMulberry32(42)
 * uniform() // 0.6011037519201636
 * ```
 */
export function createMulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
