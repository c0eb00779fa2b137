/** An object type whose optional properties may be missing but are never `undefined`. */
export type WithoutUndefined<T> = { [K in keyof T]?: Exclude<T[K], undefined> }

/**
 * Drops properties whose value is `undefined`, turning zod's `a?: T | undefined` into the
 * `a?: T` that `exactOptionalPropertyTypes` asks of the app layer's options.
 * @example dropUndefined({ limit: 5, cursor: undefined }) // { limit: 5 }
 */
export function dropUndefined<T extends object>(value: T): WithoutUndefined<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as WithoutUndefined<T>
}
