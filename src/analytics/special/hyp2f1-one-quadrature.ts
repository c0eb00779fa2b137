/**
 * ln 2F1(1, p; p + q; z) near z = 1 from a Laplace-type integral whose integrand is positive,
 * decreasing and at most e^(−v), by the trapezoid rule after a double-exponential change of
 * variable: a fixed rule of 50 to 150 nodes, with no adaptive levels, so the cost stays at a few
 * microseconds however close z is to 1 and however large p and q are.
 *
 * With m = p + q − 1 > 0 and ε = 1 − z, Euler's transformation and the integral
 * 2F1(m, q; m + 1; z) = m ∫₀¹ t^(m−1) (1 − zt)^(−q) dt (DLMF 15.8.1, 15.6.1) give, after t = e^(−v/m),
 *
 *   ε · 2F1(1, p; p + q; z) = ∫₀^∞ exp(−v − q·ln(1 + z(1 − e^(−v/m))/ε)) dv,
 *
 * which is ε·G = E[m/(m + N)] for N ~ NegativeBinomial(q, z). The integrand falls from 1 at v = 0,
 * first over v ≈ mε/(mε + qz), then as a power of v, then like e^(−v). In x = ln v those are
 * smooth shoulders a few units wide; the map v = c·exp(τ − e^(−τ)) (Takahasi & Mori 1974) puts the
 * leftmost shoulder at τ ≈ 1, makes both tails fall double-exponentially, and keeps the step in
 * x about equal to the step in τ wherever the integrand has structure.
 */

/** trapezoid step in τ: the error falls like exp(−π²/step), below 1e-16 of the sum at 1/5 */
const STEP = 0.25
/** τ below which every node is under e^-45 of the leftmost shoulder */
const FIRST_NODE = -Math.ceil(3.9 / STEP)
/** the leftmost shoulder sits at c·e^SHOULDER_OFFSET, where dx/dτ is already close to 1 */
const SHOULDER_OFFSET = 2
const MAX_NODES = 2000

/** Σ weight, and the weighted sums behind the three derivatives */
const sums = new Float64Array(4)

/**
 * Adds the nodes of the rule to `sums`: the weight of a node is the integrand over c (so the
 * total is O(1)), times dv/dτ. Returns the number of nodes, or 0 when the sum never settled.
 */
function addNodes(p: number, q: number, z: number, oneMinusZ: number, logScale: number): number {
  const m = p + q - 1
  const scale = Math.exp(logScale)
  // beyond 40m, e^(−v/m) < 1e-17: the exponent has reached its limit q·ln(1/ε)
  const saturation = 40 * m
  const fullLift = Math.log1p(z / oneMinusZ)
  sums.fill(0)
  for (let k = FIRST_NODE; k - FIRST_NODE < MAX_NODES; k++) {
    const tau = k * STEP
    const inverse = Math.exp(-tau)
    // v/c and dv/dτ = v·(1 + e^(−τ))
    const growth = Math.exp(tau - inverse)
    const v = scale * growth
    // 1 − e^(−v/m) and 1 − z e^(−v/m) = ε + z(1 − e^(−v/m)), both without cancellation
    const decay = v > saturation ? 1 : -Math.expm1(-v / m)
    const lift = decay === 1 ? fullLift : Math.log1p((z * decay) / oneMinusZ)
    const weight = growth * (1 + inverse) * Math.exp(-v - q * lift)
    const denominator = oneMinusZ + z * decay
    sums[0]! += weight
    sums[1]! += weight * lift
    sums[2]! += weight * ((v * (1 - decay)) / denominator)
    sums[3]! += weight * (decay / denominator)
    if (v > 1 && weight < 1e-18 * sums[0]!) {
      return k - FIRST_NODE + 1
    }
  }
  return 0
}

/**
 * ln 2F1(1, p; p + q; z) for p > 0, q > 0, p + q > 1 and 0 < z < 1, given 1 − z exactly as
 * `oneMinusZ` (the Pareto/NBD computes it as a ratio, with all its digits). When `gradient` is
 * given, writes ∂/∂p, ∂/∂q and ∂/∂z of the logarithm into `gradient[0..2]` (∂/∂z holding 1 − z
 * tied to z). `NaN` when the rule does not settle. O(nodes): about 20 + 5·ln(1/c) with
 * c = min(mε/(mε + qz), mε/z).
 */
export function logHyp2f1OneQuadrature(
  p: number,
  q: number,
  z: number,
  oneMinusZ: number,
  gradient: Float64Array | null,
): number {
  const m = p + q - 1
  const bend = (m * oneMinusZ) / z
  const onset = bend / (bend + q)
  const logScale = Math.log(Math.min(onset, bend)) - SHOULDER_OFFSET
  if (addNodes(p, q, z, oneMinusZ, logScale) === 0) {
    return Number.NaN
  }
  const total = sums[0]!
  if (gradient !== null) {
    // ∂h/∂m = −q z v e^(−v/m) / (m²(ε + z(1 − e^(−v/m)))), h the exponent's q·ln(…) term
    const slopeM = (q * z * sums[2]!) / (m * m * total)
    gradient[0] = slopeM
    gradient[1] = slopeM - sums[1]! / total
    // ∂ln G/∂z = 1/ε − E[∂h/∂z] with ∂h/∂z = q(1 − e^(−v/m))/(ε(ε + z(1 − e^(−v/m))))
    gradient[2] = (1 - (q * sums[3]!) / total) / oneMinusZ
  }
  return Math.log(STEP * total) + logScale - Math.log(oneMinusZ)
}
