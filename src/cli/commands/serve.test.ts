import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const CLI = ['--import', 'tsx', 'src/cli/run.ts']

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(() => reject(new Error(`no match for ${pattern} in: ${seen}`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      const match = seen.match(pattern)
      if (match !== null) {
        clearTimeout(timer)
        resolve(match)
      }
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing: ${seen}`)))
  })
}

describe('comeback serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comeback-serve-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('serves the API on the port asked for, prints the URL and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [...CLI, '--db', join(dir, 'serve.db'), 'serve', '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    try {
      const [, url] = await waitForOutput(child, /at (http:\/\/127\.0\.0\.1:\d+)\/api/)
      const response = await fetch(`${url}/api/openapi.json`)
      expect(response.status).toBe(200)
      expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0')
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  })

  it('honours PORT when --port is not given', async () => {
    const child = spawn(process.execPath, [...CLI, '--db', join(dir, 'port.db'), 'serve'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '0' },
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    try {
      const [, port] = await waitForOutput(child, /127\.0\.0\.1:(\d+)\/api/)
      expect(Number(port)).toBeGreaterThan(0)
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  })

  it('refuses a port that is not a number, with exit code 2', async () => {
    const child = spawn(
      process.execPath,
      [...CLI, '--db', join(dir, 'bad.db'), 'serve', '--port', 'http'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(2)
    expect(stderr).toMatch(/--port must be a whole number/)
  })
})
