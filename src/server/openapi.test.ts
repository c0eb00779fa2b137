import { validate } from '@readme/openapi-parser'
import { describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from './openapi.js'
import { ROUTES } from './routes/index.js'

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument(ROUTES)

  it('is valid OpenAPI 3.1 by a standard validator, with no errors', async () => {
    const result = await validate(structuredClone(document) as never)
    expect(result.valid ? [] : result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('describes every route of the table under /api with its operation id', () => {
    const paths = document['paths'] as Record<string, Record<string, { operationId: string }>>
    for (const route of ROUTES) {
      expect(paths[`/api${route.path}`]?.[route.method]?.operationId).toBe(route.operationId)
    }
  })

  it('lists every error code in the error schema', () => {
    const text = JSON.stringify(document)
    for (const code of ['INVALID_INPUT', 'UNAUTHENTICATED', 'RATE_LIMITED', 'INTERNAL']) {
      expect(text).toContain(code)
    }
  })
})
