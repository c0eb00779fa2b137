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
 * A setting's value together with the exact JSON it was read from (`null` when never set), so that
 * a later `replaceSetting` can write only if nobody changed it in between.
 */
export async function readSettingForUpdate<T>(
  target: Queryable,
  key: string,
  fallback: T,
  parse: (value: unknown) => T,
): Promise<{ readonly value: T; readonly storedJson: string | null }> {
  const row = await dbOf(target)
    .selectFrom('settings')
    .select('value_json')
    .where('key', '=', key)
    .executeTakeFirst()
  return row === undefined
    ? { value: fallback, storedJson: null }
    : { value: parse(parseJson(key, row.value_json)), storedJson: row.value_json }
}

/**
 * Compare-and-set: stores `value` only if the setting still holds `expectedJson` (or, for `null`,
 * was still never set). One conditional statement, so two admins saving at once cannot both win
 * on either store: PostgreSQL re-checks the WHERE after the row lock, SQLite runs one writer.
 * @returns whether it was stored
 */
export async function replaceSetting(
  target: Queryable,
  key: string,
  expectedJson: string | null,
  value: unknown,
  updatedBy: string | null,
): Promise<boolean> {
  const valueJson = JSON.stringify(value)
  if (valueJson === undefined) {
    throw new ValidationError(`setting ${key} needs a JSON value`)
  }
  const stamp = { value_json: valueJson, updated_at: nowTimestamp(), updated_by: updatedBy }
  if (expectedJson === null) {
    const inserted = await dbOf(target)
      .insertInto('settings')
      .values({ key, ...stamp })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .returning('key')
      .execute()
    return inserted.length === 1
  }
  const updated = await dbOf(target)
    .updateTable('settings')
    .set(stamp)
    .where('key', '=', key)
    .where('value_json', '=', expectedJson)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
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
