import { defineConfig } from 'vite';

// The Delve web UI. Built by ./fl into web/dist (content-hashed assets) and served by ./fl serve under a strict CSP:
// no inline scripts or styles, so no inline module-preload polyfill and CSS always goes to files.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    cssCodeSplit: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
});
