import type { ImportFieldsResponse } from '../api/contract-types.js'
import type { CsvPreview } from '../lib/csv-preview.js'
import { humanize } from '../lib/format.js'

type FieldSpec = ImportFieldsResponse['kinds']['orders'][number]

/** Which file column each field comes from, with the file's first rows under the mapped fields. */
export function ImportMapping(props: {
  fields: readonly FieldSpec[]
  preview: CsvPreview
  mapping: Readonly<Record<string, string>>
  onMapping: (mapping: Record<string, string>) => void
}) {
  const { fields, preview, mapping } = props
  const mapped = fields.filter((field) => (mapping[field.name] ?? '') !== '')
  return (
    <>
      <fieldset className="mapping">
        <legend>Map the columns</legend>
        <p className="muted small">
          Comeback matched what it could by the column names. Fields marked * are required.
        </p>
        <div className="mapping-grid">
          {fields.map((field) => (
            <label key={field.name} className="field">
              <span>
                {humanize(field.name)}
                {field.required ? <abbr title="required"> *</abbr> : null}
              </span>
              <select
                name={`map-${field.name}`}
                value={mapping[field.name] ?? ''}
                aria-required={field.required}
                onChange={(event) =>
                  props.onMapping({ ...mapping, [field.name]: event.target.value })
                }
              >
                <option value="">— not in this file —</option>
                {preview.headers.map((header, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two columns may share a name
                  <option key={index} value={header}>
                    {header === '' ? `(column ${index + 1})` : header}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
      <section aria-labelledby="preview-title" className="preview">
        <h3 id="preview-title">
          Preview: the first {preview.rows.length} rows as they will be read
        </h3>
        {mapped.length === 0 ? (
          <p className="muted">Map at least one column to see the preview.</p>
        ) : (
          <div className="table-wrap">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  {mapped.map((field) => (
                    <th scope="col" key={field.name}>
                      {humanize(field.name)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, rowIndex) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their order
                  <tr key={rowIndex}>
                    <td className="muted">{rowIndex + 2}</td>
                    {mapped.map((field) => (
                      <td key={field.name}>
                        {row[preview.headers.indexOf(mapping[field.name] ?? '')] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}

/** The required fields the mapping leaves out. */
export function missingRequired(
  fields: readonly FieldSpec[],
  mapping: Readonly<Record<string, string>>,
): string[] {
  return fields
    .filter((field) => field.required && (mapping[field.name] ?? '') === '')
    .map((field) => field.name)
}
