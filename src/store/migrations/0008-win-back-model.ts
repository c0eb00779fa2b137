import type { StoreMigration } from './store-migration.js'

/**
 * One row per analysis run: the win-back model it scored with (prior or learned) and its
 * calibration, so the model a lost list was ranked by can be shown, and a fix or a new decision
 * maker can rescore with the very same model between runs.
 */
export const migration0008WinBackModel: StoreMigration = {
  async up(db) {
    await db.schema
      .createTable('win_back_models')
      .addColumn('run_id', 'bigint', (col) =>
        col.primaryKey().references('analysis_runs.id').onDelete('cascade'),
      )
      .addColumn('basis', 'text', (col) => col.notNull())
      .addColumn('model_json', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute()
  },
}
