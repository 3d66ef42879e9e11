// defineConfig comes through vitest/config on purpose: the workspace resolves two vite versions (7 in
// web/node_modules, 8 hoisted with vitest and @vitejs/plugin-react), and only the hoisted one has types that
// match the plugin's. The config itself works with both.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Paths are relative to the project root (this folder): `vite build web` from the repo root and
// `npm run build -w web` both write to web/dist, which the server serves in production.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
