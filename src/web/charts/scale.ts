/** Nice round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`. */
export function niceCeiling(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) {
    return 1
  }
  const power = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) {
      return step * power
    }
  }
  return 10 * power
}

/** `count + 1` evenly spaced ticks (whole numbers for a `niceCeiling` of 5 or more) from 0 to `top`. */
export function ticks(top: number, count = 5): number[] {
  return Array.from({ length: count + 1 }, (_, index) => (top * index) / count)
}

/** Maps `value` in [0, top] to a y coordinate in [bottom, topY] (SVG y grows downwards). */
export function scaleY(
  value: number,
  top: number,
  range: { readonly top: number; readonly bottom: number },
): number {
  const fraction = top <= 0 ? 0 : Math.min(1, Math.max(0, value / top))
  return range.bottom - fraction * (range.bottom - range.top)
}
