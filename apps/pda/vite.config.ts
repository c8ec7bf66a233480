import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The handheld app, served by the server under /pda (installable, works offline once loaded). */
export default defineConfig({
  base: '/pda/',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'auto',
      manifest: {
        name: '交通执法终端',
        short_name: '交通执法',
        lang: 'zh-CN',
        start_url: '/pda/',
        scope: '/pda/',
        display: 'standalone',
        background_color: '#f2f3f5',
        theme_color: '#0b3d91',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        // The app shell is cached; API calls always go to the network (the outbox keeps what must not be lost).
        navigateFallback: '/pda/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        globPatterns: ['**/*.{js,css,html,svg}'],
      },
    }),
  ],
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080' } } },
  build: { outDir: 'dist', emptyOutDir: true },
});
