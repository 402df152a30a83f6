// What takes the classic script's budget: bytes of dist/upload-widget.iife.js by source module,
// from its source map (build with UW_SOURCEMAP=1 npm run build), largest first, with each
// module's code gzipped alone (an upper bound of what it adds to the whole, which shares a dictionary).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';

const code = readFileSync('dist/upload-widget.iife.js', 'utf8');
const map = new TraceMap(readFileSync('dist/upload-widget.iife.js.map', 'utf8'));
const lines = code.split('\n');
const spans = [];
eachMapping(map, (m) => spans.push(m));
const bySource = new Map();
for (let i = 0; i < spans.length; i++) {
  const m = spans[i];
  const next = spans[i + 1];
  const line = lines[m.generatedLine - 1] ?? '';
  const end = next && next.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
  const text = line.slice(m.generatedColumn, end);
  const source = (m.source ?? '(none)').replace(/^.*node_modules\//, 'npm:').replace(/^.*\/src\//, 'src/');
  bySource.set(source, (bySource.get(source) ?? '') + text);
}
const rows = [...bySource].map(([source, text]) => [source, text.length, gzipSync(text, { level: 9 }).length]).sort((a, b) => b[1] - a[1]);
const limit = Number(process.argv[2] ?? 40);
for (const [source, bytes, gz] of rows.slice(0, limit)) console.log(`${String(bytes).padStart(7)} ${String(gz).padStart(6)}  ${source}`);
console.log(`${code.length} bytes in all, ${gzipSync(code, { level: 9 }).length} gzip -9`);
