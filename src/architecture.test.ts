import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// STYLE.md §2.2: which layer may import which. Edges inside a layer are always allowed.
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  domain: [],
  analytics: [],
  store: ['domain', 'analytics'],
  ingest: ['domain', 'analytics'],
  outreach: ['domain', 'analytics'],
  app: ['domain', 'analytics', 'store', 'ingest', 'outreach'],
  'server/contract': ['domain'],
  server: ['app', 'domain', 'server/contract'],
  // cli may also import the server's app factory, through the server's index.ts (checked below)
  cli: ['app', 'domain', 'server/contract'],
  web: ['domain', 'server/contract'],
  // test helpers serve every layer's tests (the api fixture builds a server), never production code
  'test-support': [
    'domain',
    'analytics',
    'store',
    'ingest',
    'outreach',
    'app',
    'server',
    'server/contract',
  ],
}

// layers whose files other layers may import one by one (domain has many small files)
const DIRECT_IMPORT_LAYERS = new Set(['domain', 'server/contract'])

const SRC = dirname(fileURLToPath(import.meta.url))

interface ImportEdge {
  readonly from: string
  readonly to: string
  readonly typeOnly: boolean
}

/** Every relative import, re-export, side-effect and dynamic import in one file's text. */
function parseImports(text: string): { readonly specifier: string; readonly typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = []
  const statements = /^[ \t]*(import|export)\s+(type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/gm
  for (const match of text.matchAll(statements)) {
    found.push({ specifier: match[3] ?? '', typeOnly: match[2] !== undefined })
  }
  for (const match of text.matchAll(/^[ \t]*import\s*['"]([^'"]+)['"]/gm)) {
    found.push({ specifier: match[1] ?? '', typeOnly: false })
  }
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ specifier: match[1] ?? '', typeOnly: false })
  }
  return found.filter((entry) => entry.specifier.startsWith('.'))
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) {
      return name === 'node_modules' ? [] : sourceFiles(path)
    }
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

function resolveSpecifier(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier)
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    base,
    join(base, 'index.ts'),
    `${base}.ts`,
  ]
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? base
}

/** The layer of a file under src/: its first folder, with server/contract a layer of its own. */
function layerOf(file: string): string {
  const parts = relative(SRC, file).split(/[\\/]/)
  if (parts.length === 1) {
    return 'root'
  }
  const [first, second] = parts
  return first === 'server' && second === 'contract' ? 'server/contract' : (first ?? 'root')
}

function layerIndex(layer: string): string {
  return join(SRC, layer, 'index.ts')
}

function isTestFile(file: string): boolean {
  // test fixtures and the store's shared contract suites are test code too
  return (
    /\.test\.tsx?$/.test(file) ||
    layerOf(file) === 'test-support' ||
    file.includes('.contract.') ||
    /[\\/]__fixtures__[\\/]/.test(file)
  )
}

function show(file: string): string {
  return relative(join(SRC, '..'), file).split('\\').join('/')
}

function collectEdges(): ImportEdge[] {
  return sourceFiles(SRC).flatMap((from) =>
    parseImports(readFileSync(from, 'utf8')).map(({ specifier, typeOnly }) => ({
      from,
      to: resolveSpecifier(from, specifier),
      typeOnly,
    })),
  )
}

function directionProblem(edge: ImportEdge): string | null {
  const fromLayer = layerOf(edge.from)
  const toLayer = layerOf(edge.to)
  if (fromLayer === toLayer || fromLayer === 'root') {
    return null
  }
  if (toLayer === 'test-support') {
    return isTestFile(edge.from)
      ? null
      : `${show(edge.from)} imports test support ${show(edge.to)}: only tests may use src/test-support`
  }
  const serverFactory = fromLayer === 'cli' && edge.to === layerIndex('server')
  const allowed = MAY_IMPORT[fromLayer] ?? []
  if (!allowed.includes(toLayer) && !serverFactory) {
    const may = allowed.length === 0 ? 'nothing of ours' : `only ${allowed.join(', ')}`
    return `${show(edge.from)} imports ${show(edge.to)}, but ${fromLayer} may import ${may} (STYLE.md §2.2): pass plain data in, or move the code to a layer that may see both`
  }
  if (fromLayer === 'web' && !edge.typeOnly) {
    return `${show(edge.from)} imports ${show(edge.to)} at run time: web imports ${toLayer} with "import type" only, and talks to the server over HTTP`
  }
  return null
}

function entryPointProblem(edge: ImportEdge): string | null {
  const fromLayer = layerOf(edge.from)
  const toLayer = layerOf(edge.to)
  if (fromLayer === 'root' || isTestFile(edge.from)) {
    return null
  }
  if (fromLayer === toLayer) {
    return edge.to === layerIndex(toLayer)
      ? `${show(edge.from)} imports its own layer's index.ts: inside a layer, import the sibling file directly`
      : null
  }
  if (DIRECT_IMPORT_LAYERS.has(toLayer) || edge.to === layerIndex(toLayer)) {
    return null
  }
  const entry = relative(dirname(edge.from), layerIndex(toLayer))
    .split('\\')
    .join('/')
    .replace(/\.ts$/, '.js')
  return `${show(edge.from)} imports ${show(edge.to)} directly: import it from '${entry}' (export it there if it is missing)`
}

/** Runtime import cycles between files (type-only imports are erased, so they cut a cycle). */
function findCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, string[]>()
  for (const edge of edges) {
    if (!edge.typeOnly && edge.from !== edge.to) {
      graph.set(edge.from, [...(graph.get(edge.from) ?? []), edge.to])
    }
  }
  // tarjan's strongly connected components, iterative over the recursion stack
  let counter = 0
  const index = new Map<string, number>()
  const lowLink = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (node: string): void => {
    index.set(node, counter)
    lowLink.set(node, counter)
    counter++
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(next) ?? 0))
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, index.get(next) ?? 0))
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = []
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member)
        component.push(member)
        if (member === node) {
          break
        }
      }
      if (component.length > 1) {
        cycles.push(component.map(show).sort())
      }
    }
  }
  for (const node of graph.keys()) {
    if (!index.has(node)) {
      visit(node)
    }
  }
  return cycles
}

describe('the architecture of src/', () => {
  const edges = collectEdges()

  it('finds the imports it checks (a walker that sees nothing would pass everything)', () => {
    expect(edges.length).toBeGreaterThan(20)
    expect(edges.some((edge) => layerOf(edge.from) === 'cli' && layerOf(edge.to) === 'app')).toBe(
      true,
    )
  })

  it('only has imports the layer table of STYLE.md §2.2 allows, import type included', () => {
    expect(edges.map(directionProblem).filter((problem) => problem !== null)).toEqual([])
  })

  it('crosses layers only through index.ts (domain files one by one), never into its own index', () => {
    expect(edges.map(entryPointProblem).filter((problem) => problem !== null)).toEqual([])
  })

  it('has no runtime import cycles', () => {
    expect(findCycles(edges)).toEqual([])
  })
})

describe('the import parser and checks', () => {
  it('reads multi-line, type-only, re-export, side-effect and dynamic imports, and skips packages', () => {
    const text = [
      "import {\n  a,\n  type B,\n} from './a.js'",
      "import type { C } from '../c.js'",
      "export { d } from './d.js'",
      "export type { E } from './e.js'",
      "import './side-effect.js'",
      "const lazy = await import('./lazy.js')",
      "import { z } from 'zod'",
      ' * @example import { x } from "./doc.js"',
    ].join('\n')
    expect(parseImports(text)).toEqual([
      { specifier: './a.js', typeOnly: false },
      { specifier: '../c.js', typeOnly: true },
      { specifier: './d.js', typeOnly: false },
      { specifier: './e.js', typeOnly: true },
      { specifier: './side-effect.js', typeOnly: false },
      { specifier: './lazy.js', typeOnly: false },
    ])
  })

  it('reports a forbidden edge, a bypassed index and a cycle, saying what to import instead', () => {
    const file = (path: string): string => join(SRC, path)
    const upward = { from: file('store/x.ts'), to: file('app/index.ts'), typeOnly: true }
    expect(directionProblem(upward)).toMatch(/store may import only domain, analytics/)
    const bypass = { from: file('cli/x.ts'), to: file('app/load-demo.ts'), typeOnly: false }
    expect(directionProblem(bypass)).toBeNull()
    expect(entryPointProblem(bypass)).toMatch(/import it from '\.\.\/app\/index\.js'/)
    const domainFile = { from: file('store/x.ts'), to: file('domain/errors.ts'), typeOnly: false }
    expect(entryPointProblem(domainFile)).toBeNull()
    const webRuntime = { from: file('web/x.ts'), to: file('domain/money.ts'), typeOnly: false }
    expect(directionProblem(webRuntime)).toMatch(/import type/)
    const a = file('app/a.ts')
    const b = file('app/b.ts')
    const cycle = findCycles([
      { from: a, to: b, typeOnly: false },
      { from: b, to: a, typeOnly: false },
    ])
    expect(cycle).toEqual([['src/app/a.ts', 'src/app/b.ts']])
    expect(
      findCycles([
        { from: a, to: b, typeOnly: false },
        { from: b, to: a, typeOnly: true },
      ]),
    ).toEqual([])
  })
})
