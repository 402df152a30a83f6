// A consumer project, as a developer makes one: a temp folder whose package.json depends on the
// packed tarball (`npm pack` of the built package) and on the frameworks it uses, installed with
// `npm ci --offline`. The lockfile is written from this project's own (the same versions, already
// in npm's cache after `npm ci`), so installing needs no network.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** `npm pack` of the built package into `dir`; returns the tarball's file name. */
export function packPackage(dir) {
  const [{ filename, files }] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT));
  return { tarball: filename, files: files.map((f) => f.path) };
}

/**
 * Makes and installs a consumer project depending on the tarball and on `dependencies` (names of
 * packages in this project's lockfile). `pins` name another copy of a package in that lockfile to
 * install at the consumer's top level instead of this project's own (`{ typescript:
 * 'node_modules/@lit/localize-tools/node_modules/typescript' }`). Returns its folder.
 */
export function makeConsumer(dependencies = [], { pins = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'uw-consumer-'));
  const { tarball } = packPackage(dir);
  const ours = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages;
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const integrity = `sha512-${createHash('sha512')
    .update(readFileSync(join(dir, tarball)))
    .digest('base64')}`;
  const packages = {
    'node_modules/upload-widget': { version: own.version, resolved: `file:${tarball}`, integrity, license: own.license, dependencies: own.dependencies },
  };
  // Every package the tarball and the frameworks need, where this project's lockfile has them
  // (nested copies included), resolved as Node does: the nearest node_modules up the tree.
  const find = (from, name) => {
    for (let at = from; ; at = at.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const key = `${at ? `${at}/` : ''}node_modules/${name}`;
      if (ours[key]) return key;
      if (!at) throw new Error(`${name} (needed by ${from || 'the consumer'}) is not in package-lock.json`);
    }
  };
  for (const [name, key] of Object.entries(pins)) {
    if (!ours[key]) throw new Error(`${key} (the copy of ${name} to install) is not in package-lock.json any more: pick another copy`);
  }
  const findOptional = (from, name) => {
    try {
      return find(from, name);
    } catch {
      return undefined;
    }
  };
  const queue = [...Object.keys(own.dependencies), ...dependencies].map((name) => ['', name]);
  while (queue.length) {
    const [from, name] = queue.shift();
    let key = find(from, name);
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
    // Optional ones too, where this project's lockfile has them (npm ci wants each): of the prebuilt
    // binaries for every platform (Next.js's SWC), npm installs the one that fits this machine.
    queue.push(...Object.keys(entry.optionalDependencies ?? {}).flatMap((n) => (findOptional(key, n) ? [[key, n]] : [])));
  }
  const direct = Object.fromEntries(dependencies.map((name) => [name, ours[pins[name] ?? `node_modules/${name}`].version]));
  const manifest = { name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies: { 'upload-widget': `file:${tarball}`, ...direct } };
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
  npm(['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
  return dir;
}
