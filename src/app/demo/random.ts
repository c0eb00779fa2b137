/**
 * A seeded source of random numbers and the few distributions the demo company needs. The same
 * seed always gives the same sequence, so a demo company is reproducible from its seed.
 */
export interface Random {
  /** uniform on [0, 1) */
  readonly next: () => number
  /** uniform integer in [min, max], both included */
  readonly integer: (min: number, max: number) => number
  /** true with probability `probability` */
  readonly chance: (probability: number) => boolean
  /** standard normal N(0, 1) */
  readonly normal: () => number
  /** gamma with the given shape and scale (mean shape × scale) */
  readonly gamma: (shape: number, scale: number) => number
  /** exponential with the given rate (mean 1 / rate) */
  readonly exponential: (rate: number) => number
  /** one element, uniformly */
  readonly pick: <T>(items: readonly T[]) => T
  /** one element, with probability proportional to its weight */
  readonly weighted: <T>(entries: readonly (readonly [T, number])[]) => T
}

/**
 * Creates a generator from a 32-bit seed: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator, PractRand-tested), seeded through splitmix32 so that nearby seeds diverge at once.
 * @example const random = createRandom(1); random.gamma(2, 3)
 */
export function createRandom(seed: number): Random {
  const next = sfc32(seed)
  const normal = (): number => {
    // box–muller; 1 - u keeps the logarithm finite
    const u = 1 - next()
    const v = next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
  const gamma = (shape: number, scale: number): number => sampleGamma(next, normal, shape) * scale
  return {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    normal,
    gamma,
    exponential: (rate) => -Math.log(1 - next()) / rate,
    pick: (items) => pickAt(items, Math.floor(next() * items.length)),
    weighted: (entries) => pickWeighted(entries, next()),
  }
}

function sfc32(seed: number): () => number {
  let state = seed >>> 0
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = splitmix()
  let b = splitmix()
  let c = splitmix()
  let counter = 1
  const step = (): number => {
    const t = (((a + b) >>> 0) + counter) >>> 0
    counter = (counter + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t
  }
  for (let warmUp = 0; warmUp < 12; warmUp++) {
    step()
  }
  return () => step() / 4294967296
}

/** Marsaglia & Tsang 2000, "A simple method for generating gamma variables", ACM TOMS 26(3). */
function sampleGamma(next: () => number, normal: () => number, shape: number): number {
  if (shape < 1) {
    // boost: Gamma(a) = Gamma(a + 1) × U^(1/a)
    return sampleGamma(next, normal, shape + 1) * (1 - next()) ** (1 / shape)
  }
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const x = normal()
    const v = (1 + c * x) ** 3
    if (v > 0) {
      const u = 1 - next()
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v
      }
    }
  }
}

function pickAt<T>(items: readonly T[], index: number): T {
  const item = items[index]
  if (item === undefined) {
    throw new RangeError('cannot pick from an empty list')
  }
  return item
}

function pickWeighted<T>(entries: readonly (readonly [T, number])[], uniform: number): T {
  let total = 0
  for (const [, weight] of entries) {
    total += weight
  }
  let threshold = uniform * total
  for (const [value, weight] of entries) {
    threshold -= weight
    if (threshold < 0) {
      return value
    }
  }
  return pickAt(entries, entries.length - 1)[0]
}
