import { describe, expect, it } from 'vitest'
import { expectClose } from '../../test-support/expect-close.js'
import { numericalHessian, standardErrors } from './hessian.js'
import type { Objective } from './objective.js'

/** f = 2x² + 3xy + 5y² + sin x, Hessian [[4 − sin x, 3], [3, 10]] */
const curved: Objective = (v, gradient) => {
  const x = v[0]!
  const y = v[1]!
  if (gradient !== null) {
    gradient[0] = 4 * x + 3 * y + Math.cos(x)
    gradient[1] = 3 * x + 10 * y
  }
  return 2 * x * x + 3 * x * y + 5 * y * y + Math.sin(x)
}

describe('numericalHessian', () => {
  it('differences the gradient to the exact Hessian', () => {
    const h = numericalHessian(curved, Float64Array.from([0.7, -0.2]))
    expectClose(h[0]!, 4 - Math.sin(0.7), { relTol: 1e-7 })
    expectClose(h[1]!, 3, { relTol: 1e-7 })
    expectClose(h[2]!, 3, { relTol: 1e-7 })
    expectClose(h[3]!, 10, { relTol: 1e-7 })
  })

  it('differences the values alone when asked to', () => {
    const h = numericalHessian(curved, Float64Array.from([0.7, -0.2]), { useGradient: false })
    expectClose(h[0]!, 4 - Math.sin(0.7), { relTol: 1e-5 })
    expectClose(h[1]!, 3, { relTol: 1e-5 })
    expectClose(h[3]!, 10, { relTol: 1e-5 })
  })
})

describe('standardErrors', () => {
  it('takes the square roots of the inverse Hessian diagonal', () => {
    // inverse of [[4, 2], [2, 3]] is [[3, −2], [−2, 4]] / 8
    const se = standardErrors(Float64Array.from([4, 2, 2, 3]))
    expect(se).not.toBeNull()
    expectClose(se![0]!, Math.sqrt(3 / 8))
    expectClose(se![1]!, Math.sqrt(4 / 8))
  })

  it('applies the delta method for log-parameters', () => {
    const se = standardErrors(Float64Array.from([4, 0, 0, 1]), Float64Array.from([10, 2]))
    expectClose(se![0]!, 10 * 0.5)
    expectClose(se![1]!, 2)
  })

  it('returns null when the Hessian is not positive definite', () => {
    expect(standardErrors(Float64Array.from([1, 2, 2, 1]))).toBeNull()
    expect(standardErrors(Float64Array.from([1, 0, 0, Number.NaN]))).toBeNull()
  })
})

describe('numericalHessian, forward scheme', () => {
  it('is close to the exact Hessian with n gradient evaluations when the gradient at x is given', () => {
    const x = Float64Array.from([0.7, -0.2])
    const gradientAtX = new Float64Array(2)
    curved(x, gradientAtX)
    let calls = 0
    const counted: Objective = (v, g) => {
      calls++
      return curved(v, g)
    }
    const h = numericalHessian(counted, x, { scheme: 'forward', gradientAtX })
    expect(calls).toBe(2)
    expectClose(h[0]!, 4 - Math.sin(0.7), { relTol: 1e-5 })
    expectClose(h[1]!, 3, { relTol: 1e-5 })
    expectClose(h[3]!, 10, { relTol: 1e-5 })
  })
})
