import { defineConfig } from 'vite'

// paths from this file's URL, so the build works from any working directory
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname)

/** Builds the web app into `dist/web`, which the server serves; `vite` alone proxies `/api`. */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    // CSP-friendly: every asset a file of its own, nothing inlined as a data URL
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
})
