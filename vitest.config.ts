import { defineConfig } from 'vitest/config';

// Main and shared code run under plain Node; renderer tests get happy-dom.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/main/**/*.test.ts', 'src/shared/**/*.test.ts'],
          exclude: ['src/main/storage/**/*.swift.test.ts'],
          environment: 'node',
        },
      },
      {
        // Uploads against a real S3 server: one local Swift for the whole project (scripts/swift-test-server.sh).
        extends: true,
        test: {
          name: 'storage',
          include: ['src/main/storage/**/*.swift.test.ts'],
          environment: 'node',
          globalSetup: ['src/main/storage/test-support/swift-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: { name: 'renderer', include: ['src/renderer/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
      },
    ],
  },
});
