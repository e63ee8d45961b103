// A sandboxed preload can require() only 'electron' (and a few built-ins). This bundles src/preload the way
// scripts/build.mjs must (everything inlined except 'electron') and checks nothing else is left to require.
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('preload bundle', () => {
  it("requires nothing but 'electron' when bundled with external: ['electron']", async () => {
    const result = await build({
      entryPoints: [path.resolve(import.meta.dirname, '../../preload/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/\bnode:/);
  });
});
