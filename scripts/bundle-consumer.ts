/**
 * `pnpm bundle [--check]`: writes the consumer CLI as one JavaScript file to public/tools/, published by
 * the site at /tools/contract-docs-consumer.mjs. `--check` writes nothing and exits 1 when it is stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConsumerBundle, consumerBundlePath } from './lib/consumer-bundle.ts';
import { writeConfined } from '../src/core/fs/confined-write.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const unknown = process.argv.slice(2).filter((arg) => arg !== '--check');
if (unknown.length) {
  process.stderr.write(`bundle-consumer: unexpected argument \`${unknown[0]}\`, expected --check\n`);
  process.exit(2);
}
try {
  const text = await buildConsumerBundle(root);
  const target = join(root, consumerBundlePath);
  let committed: string | undefined;
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    committed = undefined;
  }
  if (check) {
    if (committed === text) process.stdout.write(`${consumerBundlePath} is up to date (${text.length} bytes)\n`);
    else {
      process.stderr.write(
        `${consumerBundlePath} is ${committed === undefined ? 'missing' : 'stale'}. Run \`pnpm bundle\` to update it.\n`,
      );
      process.exitCode = 1;
    }
  } else {
    writeConfined(root, [{ path: consumerBundlePath, text }]);
    process.stdout.write(`wrote ${consumerBundlePath} (${text.length} bytes)\n`);
  }
} catch (error) {
  process.stderr.write(`bundle-consumer: ${(error as Error).message.split('\n')[0]}\n`);
  process.exitCode = 2;
}
