// A consumer project, as a developer makes one: a temp folder whose package.json depends on the
// packed tarball (`npm pack` of the built package) and on the frameworks it uses, installed with
// `npm ci --offline`. The lockfile is written from this project's own (the same versions, already
// in npm's cache after `npm ci`), so installing needs no network.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The strict TypeScript a consumer project checks the package's types with (libraries' own .d.ts included). */
export const STRICT_TS = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  types: [],
};

/**
 * `npm pack` of the built package (or of the package in `from`, such as `server/`) into `dir`;
 * returns the tarball's file name and the files it holds.
 */
export function packPackage(dir, from = ROOT) {
  const [{ filename, files }] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], from));
  return { tarball: filename, files: files.map((f) => f.path) };
}

/**
 * Makes and installs a consumer project depending on the tarball and on `dependencies` (names of
 * packages in this project's lockfile). `from`: the folder of the package to pack (default the
 * widget's; `server/` for upload-widget-server), whose dependencies must be in this project's
 * lockfile, their platform packages included. `pins` name another copy of a package in that
 * lockfile to install at the consumer's top level instead of this project's own (`{ typescript:
 * 'node_modules/@lit/localize-tools/node_modules/typescript' }`). Returns its folder.
 */
export function makeConsumer(dependencies = [], { from = ROOT, pins = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'uw-consumer-'));
  const { tarball } = packPackage(dir, from);
  const ours = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages;
  const own = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  const integrity = `sha512-${createHash('sha512')
    .update(readFileSync(join(dir, tarball)))
    .digest('base64')}`;
  const packages = {
    [`node_modules/${own.name}`]: {
      version: own.version,
      resolved: `file:${tarball}`,
      integrity,
      license: own.license,
      dependencies: own.dependencies,
      ...(own.bin ? { bin: own.bin } : {}),
      ...(own.engines ? { engines: own.engines } : {}),
    },
  };
  // Every package the tarball and the frameworks need, where this project's lockfile has them
  // (nested copies included), resolved as Node does: the nearest node_modules up the tree.
  const find = (by, name, optional) => {
    for (let at = by; ; at = at.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const key = `${at ? `${at}/` : ''}node_modules/${name}`;
      if (ours[key]) return key;
      if (!at) {
        if (optional) return undefined;
        throw new Error(`${name} (needed by ${by || 'the consumer'}) is not in package-lock.json`);
      }
    }
  };
  for (const [name, key] of Object.entries(pins)) {
    if (!ours[key]) throw new Error(`${key} (the copy of ${name} to install) is not in package-lock.json any more: pick another copy`);
  }
  /** @type {Array<[string, string, boolean?]>} */
  const queue = [...Object.keys(own.dependencies), ...dependencies].map((name) => ['', name]);
  while (queue.length) {
    const [by, name, optional] = queue.shift();
    let key = find(by, name, optional);
    if (!key) continue;
    const top = `node_modules/${name}`;
    if (pins[name] && key === top) key = pins[name];
    const at = key === pins[name] ? top : key;
    if (packages[at]) continue;
    // Here they are the consumer's own dependencies, not this project's dev ones.
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = ours[key];
    // This project's lockfile leaves out registry URLs; npm finds the cached tarball by integrity.
    const pkg = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    entry.resolved ??= `https://registry.npmjs.org/${pkg}/-/${pkg.split('/').pop()}-${entry.version}.tgz`;
    packages[at] = entry;
    const needs = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional),
    ];
    queue.push(...needs.map((n) => [key, n]));
    // Platform packages (a compiler's or sharp's prebuilt binaries) where the lockfile has them;
    // npm installs the one for this machine, from the cache.
    queue.push(...Object.keys(entry.optionalDependencies ?? {}).map((n) => [key, n, true]));
  }
  const direct = Object.fromEntries(dependencies.map((name) => [name, ours[pins[name] ?? `node_modules/${name}`].version]));
  const manifest = { name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies: { [own.name]: `file:${tarball}`, ...direct } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify(
      {
        name: 'consumer',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: { '': { name: 'consumer', version: '1.0.0', dependencies: manifest.dependencies }, ...packages },
      },
      null,
      2,
    ),
  );
  // What npm said is kept in npm-install.log: a user's install must be free of warnings.
  const install = spawnSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
  writeFileSync(join(dir, 'npm-install.log'), `${install.stdout}${install.stderr}`);
  if (install.status !== 0) throw new Error(`npm ci in the consumer project failed:\n${install.stderr}`);
  return dir;
}
