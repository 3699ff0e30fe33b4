import { defineConfig } from 'vite';

// `npm run dev` proxies /v1 to the API: the mock (npm run mock, port 8090) or a real
// `corridor serve` (CORRIDOR_API=http://127.0.0.1:8080 npm run dev).
export default defineConfig({
  base: './',
  server: {
    proxy: { '/v1': process.env.CORRIDOR_API ?? 'http://127.0.0.1:8090' },
  },
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000 },
});
