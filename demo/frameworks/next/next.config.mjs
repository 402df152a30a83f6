// The consumer project (its node_modules) is this app's parent folder.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export default { turbopack: { root }, outputFileTracingRoot: root };
