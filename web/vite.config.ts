/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// The server (server/) serves dist/ as static files and marks /assets/* immutable, so every
// asset must carry a content hash in its name, and the server's Content-Security-Policy
// (script-src 'self'; style-src 'self') forbids anything inline in index.html.
export default defineConfig({
  plugins: [react()],
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // Inlined assets become data: URLs; keep every asset a file so nothing depends on the
    // img-src data: allowance or on inline styles.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        ws: true,
      },
    },
  },
  preview: {
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        ws: true,
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
    // Forms are filled key by key; on a loaded 2-core CI machine a long form took over the
    // default 5 s, and the timed-out test went on typing into the next one's page. Above the
    // findBy* time-out (src/test-setup.ts), so that a missing element is what gets reported.
    testTimeout: 30_000,
  },
});
