/** Branded ids, so that a customer id is never passed where a user id is expected. */
declare const brand: unique symbol
type Brand<T, TName extends string> = T & { readonly [brand]: TName }

export type CustomerId = Brand<string, 'CustomerId'>
export type UserId = Brand<number, 'UserId'>
export type ImportId = Brand<number, 'ImportId'>

export const asCustomerId = (value: string): CustomerId => value as CustomerId
export const asUserId = (value: number): UserId => value as UserId
export const asImportId = (value: number): ImportId => value as ImportId
