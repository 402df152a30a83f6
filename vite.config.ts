import { defineConfig } from 'vite';

// One entry, two shapes: an ES module for bundlers and an IIFE for a plain <script> tag.
export default defineConfig({
  build: {
    lib: {
      entry: 'src/index.ts',
      name: 'UploadWidget',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'upload-widget.js' : 'upload-widget.iife.js'),
    },
    target: 'es2022',
    sourcemap: true,
  },
});
