import { ValidationError } from '../../domain/errors.js'
import { dbOf, nowTimestamp, type Queryable } from './queryable.js'

/**
 * The value of a business setting, or `fallback` when it was never set. `parse` (a Zod schema's
 * `parse`, say) checks the stored JSON; without it the stored value is trusted to have the
 * fallback's type.
 * @throws ValidationError when the stored value is not valid JSON
 * @example const threshold = await getSetting(store, 'lapse.lostBelow', 0.3, z.number().parse)
 */
export async function getSetting<T>(
  target: Queryable,
  key: string,
  fallback: T,
  parse?: (value: unknown) => T,
): Promise<T> {
  const row = await dbOf(target)
    .selectFrom('settings')
    .select('value_json')
    .where('key', '=', key)
    .executeTakeFirst()
  if (row === undefined) {
    return fallback
  }
  const value = parseJson(key, row.value_json)
  return parse === undefined ? (value as T) : parse(value)
}

/**
 * Stores a business setting as JSON, replacing any earlier value, and notes who changed it.
 * @example await setSetting(store, 'currency', 'EUR', 'admin@x.test')
 */
export async function setSetting(
  target: Queryable,
  key: string,
  value: unknown,
  updatedBy: string | null = null,
): Promise<void> {
  const valueJson = JSON.stringify(value)
  if (valueJson === undefined) {
    throw new ValidationError(`setting ${key} needs a JSON value`)
  }
  const row = { key, value_json: valueJson, updated_at: nowTimestamp(), updated_by: updatedBy }
  await dbOf(target)
    .insertInto('settings')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        value_json: row.value_json,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute()
}

/**
 * Every stored setting by key, parsed from JSON.
 * @example const all = await listSettings(store)
 */
export async function listSettings(target: Queryable): Promise<Record<string, unknown>> {
  const rows = await dbOf(target).selectFrom('settings').select(['key', 'value_json']).execute()
  return Object.fromEntries(rows.map((row) => [row.key, parseJson(row.key, row.value_json)]))
}

function parseJson(key: string, json: string): unknown {
  try {
    return JSON.parse(json)
  } catch (error) {
    throw new ValidationError(`setting ${key} holds invalid JSON`, { cause: error })
  }
}
