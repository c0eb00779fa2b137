import { z } from 'zod'
import { errorBodySchema } from './contract/errors.js'
import { isUnsafeMethod } from './request-guards.js'
import type { ApiRoute } from './route-definition.js'
import { CSRF_HEADER, SESSION_COOKIE } from './session-cookie.js'

type JsonObject = Record<string, unknown>

const ERROR_REF = { $ref: '#/components/schemas/Error' }

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) for a zod schema, without its `$schema` key. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    reused: 'inline',
    unrepresentable: 'any',
  })
  return rest
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonObject[] {
  if (!(schema instanceof z.ZodObject)) {
    return []
  }
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !field.safeParse(undefined).success,
    schema: jsonSchema(field, 'input'),
  }))
}

function errorResponse(description: string): JsonObject {
  return { description, content: { 'application/json': { schema: ERROR_REF } } }
}

// a JSON body from its schema, or a file upload of the route's media types
function requestBody(route: ApiRoute): JsonObject {
  if (route.upload !== undefined) {
    const file = { schema: { type: 'string', contentMediaType: route.upload.mediaTypes[0] } }
    return {
      requestBody: {
        required: true,
        content: Object.fromEntries(route.upload.mediaTypes.map((type) => [type, file])),
      },
    }
  }
  if (route.body === undefined) {
    return {}
  }
  return {
    requestBody: {
      required: true,
      content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
    },
  }
}

// a versioned record (TESTPLAN T6): its answer carries an ETag, and a change needs If-Match
function preconditionParameters(route: ApiRoute): JsonObject[] {
  if (route.versioned !== true || (route.method !== 'patch' && route.method !== 'delete')) {
    return []
  }
  return [
    {
      name: 'If-Match',
      in: 'header',
      required: true,
      description: 'the ETag of the version this change is based on, e.g. "3"',
      schema: { type: 'string' },
    },
  ]
}

function preconditionResponses(route: ApiRoute): JsonObject {
  if (route.versioned !== true || (route.method !== 'patch' && route.method !== 'delete')) {
    return {}
  }
  return {
    '412': errorResponse('stale: the record changed since the ETag sent in If-Match'),
    '428': errorResponse('If-Match is required'),
  }
}

function entityTagHeader(route: ApiRoute): JsonObject {
  return route.versioned === true
    ? {
        headers: {
          ETag: {
            description: 'the version of the record, to send back in If-Match',
            schema: { type: 'string' },
          },
        },
      }
    : {}
}

function operation(route: ApiRoute): JsonObject {
  const secured = route.access.kind !== 'public'
  const csrf = secured && isUnsafeMethod(route.method)
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    parameters: [
      ...parameters(route.params, 'path'),
      ...parameters(route.query, 'query'),
      ...preconditionParameters(route),
    ],
    ...requestBody(route),
    responses: {
      [String(route.successStatus ?? 200)]: {
        description: 'success',
        ...entityTagHeader(route),
        content:
          route.produces === undefined
            ? { 'application/json': { schema: jsonSchema(route.response, 'output') } }
            : { [route.produces]: { schema: { type: 'string' } } },
      },
      ...(secured ? { '401': errorResponse('not signed in') } : {}),
      ...(secured ? { '403': errorResponse('not allowed, second factor owed, or CSRF') } : {}),
      ...preconditionResponses(route),
      default: errorResponse('error'),
    },
    security: secured ? [csrf ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }] : [],
  }
}

/**
 * The OpenAPI 3.1 document of the route table, its schemas generated from the same zod schemas
 * that validate requests and responses, so the document cannot drift from the code.
 * @example const document = buildOpenApiDocument(ROUTES)
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[]): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {}
  for (const route of routes) {
    const path = `/api${route.path}`
    paths[path] = { ...paths[path], [route.method]: operation(route) }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Comeback API',
      version: '0.1.0',
      description: 'Wins back lost customers and failed sales. JSON over HTTPS; cookie sessions.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrfToken: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
      },
    },
  }
}
