import type { Objective } from './objective.js'

/** relative step ≈ ε^(1/3), balancing truncation and rounding of central differences */
const STEP = 6e-6

/**
 * Wraps a value-only objective so it fills the gradient by central differences (2n extra
 * evaluations per gradient, error O(h²)). For small problems whose analytic gradient is not
 * worth writing, so that `minimize` can still use BFGS.
 */
export function withCentralDifferenceGradient(objective: Objective): Objective {
  return (x, gradient) => {
    const value = objective(x, null)
    if (gradient === null) {
      return value
    }
    for (let i = 0; i < x.length; i++) {
      const original = x[i]!
      const h = STEP * Math.max(Math.abs(original), 1)
      x[i] = original + h
      const above = objective(x, null)
      x[i] = original - h
      const below = objective(x, null)
      x[i] = original
      gradient[i] = (above - below) / (2 * h)
    }
    return value
  }
}
