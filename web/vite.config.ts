// Vite config for the web app. Root is web/; the build lands in dist/web,
// which the Fastify server serves. In development /api is proxied to the
// API server started by scripts/dev.mjs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { staffServiceWorker } from './src/mobile/staff/sw-plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react(), staffServiceWorker()],
  build: {
    // .vite/manifest.json: bench/sections/web.ts reads what the /m pages load from it.
    manifest: true,
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      treeshake: {
        // @rc-component/form's index hangs Field, List and useForm on its default export at load time, and
        // package.json does not declare it free of side effects, so any antd import of its FormProvider (every
        // Tooltip does, through antd's form context) dragged the whole form engine and its validator into the
        // desk's first download. Its only effect is on that default export: unused, the index can go.
        moduleSideEffects: [{ test: /@rc-component\/form\/es\/index\.js$/, sideEffects: false }],
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // The web imports pure TypeScript from ../domain.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
