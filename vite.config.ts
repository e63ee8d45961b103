import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The strict CSP lives in src/renderer/index.html so the built page carries it everywhere (app:// in Electron,
 * the local web server in browser mode). The dev server needs two holes the build does not: React Refresh
 * injects an inline preamble script, and HMR talks over a websocket. This plugin widens the policy for `vite
 * serve` only; `vite build` output keeps the strict one untouched.
 */
function devServerCsp(): Plugin {
  return {
    name: 'ferry-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://127.0.0.1:*");
    },
  };
}

export default defineConfig({
  root: `${repoRoot}src/renderer`,
  // Relative asset URLs: the same build is served from app://ferry/ in Electron and from / by the web server.
  base: './',
  plugins: [react(), devServerCsp()],
  build: {
    outDir: `${repoRoot}dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Mantine + React + zod in one offline bundle; there is no network cost to a bigger chunk.
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
