// Assets on disk: <dataDir>/<cloud>/<resource_type>/<type>/<public_id>[.<format>] and their
// metadata in <dataDir>/.meta/<cloud>/<resource_type>/<type>/<public_id>.json.
// Files are always moved into place by rename, so a failed upload never damages an asset.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { HttpError } from './errors.mjs';
import { randomId } from './ids.mjs';

/**
 * @typedef {object} AssetMeta
 * @property {string} asset_id
 * @property {string} public_id
 * @property {number} version
 * @property {string} version_id
 * @property {string} resource_type
 * @property {string} type
 * @property {string} [format]
 * @property {number} [width]
 * @property {number} [height]
 * @property {number} [pages]
 * @property {number} bytes
 * @property {string} etag
 * @property {string} created_at
 * @property {string[]} tags
 * @property {string} asset_folder
 * @property {string} display_name
 * @property {string} [original_filename]
 * @property {string} [original_extension]
 * @property {{ custom?: Record<string,string> }} [context]
 * @property {Record<string,string>} [metadata]
 * @property {{ custom?: number[][], faces?: number[][] }} [coordinates]
 * @property {string} file path of the stored bytes, relative to the data dir
 */

export class Store {
  /** @param {string} dataDir */
  constructor(dataDir) {
    this.root = resolve(dataDir);
    this.tmpDir = join(this.root, '.tmp');
  }

  /** Per asset, the tail of the writes queued for it (see `exclusive`). */
  #queues = new Map();

  /**
   * Runs `fn` alone for one asset: two uploads of the same public id (an overwrite race) take
   * turns from reading the current asset to writing the new one, so neither deletes a file the
   * other's metadata points at. Different assets never wait for each other.
   * @template T @param {string} key @param {() => Promise<T>} fn @returns {Promise<T>}
   */
  async exclusive(key, fn) {
    const before = this.#queues.get(key) ?? Promise.resolve();
    const mine = before.then(fn, fn);
    const tail = mine.catch(() => {});
    this.#queues.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.#queues.get(key) === tail) this.#queues.delete(key);
    }
  }

  /** Joins under the root and refuses anything that would land outside it. @param {string[]} parts */
  #inside(...parts) {
    const p = resolve(this.root, ...parts);
    if (p !== this.root && !p.startsWith(this.root + sep)) throw new HttpError(400, 'Invalid public_id: path escapes the storage directory');
    return p;
  }

  /** @param {string} cloud @param {string} rt @param {string} type @param {string} publicId */
  metaPath(cloud, rt, type, publicId) {
    return this.#inside('.meta', cloud, rt, type, `${publicId}.json`);
  }

  /** @param {string} cloud @param {string} rt @param {string} type @param {string} publicId @param {string} [format] */
  assetPath(cloud, rt, type, publicId, format) {
    return this.#inside(cloud, rt, type, format ? `${publicId}.${format}` : publicId);
  }

  /** @param {string} cloud @param {string} rt @param {string} type @param {string} publicId @returns {Promise<AssetMeta | null>} */
  async get(cloud, rt, type, publicId) {
    try {
      return JSON.parse(await readFile(this.metaPath(cloud, rt, type, publicId), 'utf8'));
    } catch (e) {
      if (/** @type {any} */ (e).code === 'ENOENT' || /** @type {any} */ (e).code === 'ENOTDIR') return null;
      throw e;
    }
  }

  /** Absolute path of an asset's bytes. */
  fileOf(/** @type {AssetMeta} */ meta) {
    return this.#inside(meta.file);
  }

  /**
   * Moves `tempPath` into place and writes metadata (both via rename).
   * @param {string} cloud
   * @param {Omit<AssetMeta, 'file'>} meta
   * @param {string} tempPath
   * @param {AssetMeta | null} previous the asset being replaced, if any
   * @returns {Promise<AssetMeta>}
   */
  async put(cloud, meta, tempPath, previous) {
    const dest = this.assetPath(cloud, meta.resource_type, meta.type, meta.public_id, meta.format);
    const metaPath = this.metaPath(cloud, meta.resource_type, meta.type, meta.public_id);
    /** @type {AssetMeta} */
    const full = { ...meta, file: relative(this.root, dest).split(sep).join('/') };
    try {
      await mkdir(dirname(dest), { recursive: true });
      await mkdir(dirname(metaPath), { recursive: true });
      await rename(tempPath, dest);
    } catch (e) {
      // "a" and "a/child" cannot both be files: one public id is another's folder.
      const code = /** @type {any} */ (e).code;
      if (['ENOTDIR', 'EEXIST', 'EISDIR', 'ENOTEMPTY'].includes(code)) {
        throw new HttpError(
          400,
          `Invalid public_id '${meta.public_id}': it clashes with an existing ${meta.resource_type} asset whose public id is one of its folders, or that has it as a folder; choose another public_id`,
        );
      }
      throw e;
    }
    const tmpMeta = `${metaPath}.${randomId(6)}.tmp`;
    await writeFile(tmpMeta, JSON.stringify(full, null, 2));
    await rename(tmpMeta, metaPath);
    // A re-upload in another format leaves the old file orphaned: remove it.
    if (previous && previous.file !== full.file) await rm(this.#inside(previous.file), { force: true });
    return full;
  }

  /** Every stored asset's metadata (for /__dev/assets). */
  async list() {
    const base = join(this.root, '.meta');
    /** @type {AssetMeta[]} */
    const out = [];
    let entries = [];
    try {
      entries = await readdir(base, { recursive: true, withFileTypes: true });
    } catch {
      return out;
    }
    for (const e of entries) {
      if (!e.isFile() || !e.name.endsWith('.json')) continue;
      try {
        out.push(JSON.parse(await readFile(join(e.parentPath ?? /** @type {any} */ (e).path, e.name), 'utf8')));
      } catch {
        /* being written */
      }
    }
    return out.sort((a, b) => a.created_at.localeCompare(b.created_at));
  }
}
