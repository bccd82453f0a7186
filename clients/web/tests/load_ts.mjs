// Imports one of the app's TypeScript modules into a test, compiled on the
// fly with esbuild (the same compiler the build uses), so that pure modules
// (formatting) are tested directly and the tests format expected values
// exactly as the page does.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

export async function importTs(relativePath) {
  const result = await build({
    entryPoints: [join(sourceDir, relativePath)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
