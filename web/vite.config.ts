// The console is built into dist/web, which the API process serves at / (same origin as /api/v1).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    // ECharts (bar and line charts only) is one ~530 kB chunk, loaded by the chart screens alone.
    chunkSizeWarningLimit: 600,
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Split the libraries so a console release does not re-download them.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  // `npm -w web run dev`: the console with hot reload, the API of `npm start` behind it.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
