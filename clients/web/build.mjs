// Builds the web app into dist/: one bundled, minified script (app.js), the
// page (index.html) and the stylesheets. Everything is served as static files
// by mead (--web_root); nothing is fetched from elsewhere at run time.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile: join(dist, 'app.js'),
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});

cpSync(join(root, 'index.html'), join(dist, 'index.html'));
cpSync(join(root, 'styles'), join(dist, 'styles'), { recursive: true });
console.log(`build-web: wrote ${dist}`);
