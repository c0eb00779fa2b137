import { z } from 'zod'
import { customerListQuerySchema } from './customers.js'
import { lostListQuerySchema } from './lost.js'

/** `?format=`: spreadsheet-safe CSV (the default) or a JSON array. */
const exportFormatSchema = z.enum(['csv', 'json']).optional()

/**
 * `GET /api/lost/export` query: the lost list's filters and sort (no paging: the whole list the
 * caller may read) and the format.
 */
const { limit: _lostLimit, offset: _lostOffset, ...lostFilters } = lostListQuerySchema.shape
export const lostExportQuerySchema = z.strictObject({ ...lostFilters, format: exportFormatSchema })

/** `GET /api/customers/export` query: the customer list's filters and sort, and the format. */
const {
  limit: _customerLimit,
  offset: _customerOffset,
  cursor: _customerCursor,
  ...customerFilters
} = customerListQuerySchema.shape
export const customerExportQuerySchema = z.strictObject({
  ...customerFilters,
  format: exportFormatSchema,
})

export type LostExportQuery = z.output<typeof lostExportQuerySchema>
export type CustomerExportQuery = z.output<typeof customerExportQuerySchema>
