/** Samplers from the distributions of the BTYD models, driven by a uniform generator on [0, 1). */
export type Uniform = () => number

/** A uniform on (0, 1): never 0, so its logarithm is finite. */
function openUniform(uniform: Uniform): number {
  let u = uniform()
  while (u === 0) {
    u = uniform()
  }
  return u
}

/** A standard normal by the Box–Muller transform (one of the pair; simplicity over speed). */
export function sampleStandardNormal(uniform: Uniform): number {
  return Math.sqrt(-2 * Math.log(openUniform(uniform))) * Math.cos(2 * Math.PI * uniform())
}

/** An exponential with the given rate (mean 1/rate). */
export function sampleExponential(uniform: Uniform, rate: number): number {
  return -Math.log(openUniform(uniform)) / rate
}

/**
 * A Gamma(shape, rate) variate (mean shape/rate) by Marsaglia & Tsang (2000, ACM TOMS 26(3)),
 * with the U^(1/shape) boost for shape < 1.
 */
export function sampleGamma(uniform: Uniform, shape: number, rate: number): number {
  if (shape < 1) {
    return sampleGamma(uniform, shape + 1, rate) * openUniform(uniform) ** (1 / shape)
  }
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let normal: number
    let v: number
    do {
      normal = sampleStandardNormal(uniform)
      v = 1 + c * normal
    } while (v <= 0)
    v = v * v * v
    const u = openUniform(uniform)
    if (Math.log(u) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) {
      return (d * v) / rate
    }
  }
}

/** A Beta(a, b) variate as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(uniform: Uniform, a: number, b: number): number {
  const x = sampleGamma(uniform, a, 1)
  const y = sampleGamma(uniform, b, 1)
  return x / (x + y)
}
