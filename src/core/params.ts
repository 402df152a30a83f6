// Upload parameters: from the options, per-file overrides and the prepareUploadParams hook,
// to the snake_case names the Upload API takes.
import type { EngineOptions } from './engine-options.js';

/** Option name → API parameter, for the options that are upload parameters. */
const OPTION_PARAMS: Array<[keyof EngineOptions, string]> = [
  ['uploadPreset', 'upload_preset'],
  ['folder', 'folder'],
  ['publicId', 'public_id'],
  ['publicIdPrefix', 'public_id_prefix'],
  ['tags', 'tags'],
  ['context', 'context'],
  ['useFilename', 'use_filename'],
  ['uniqueFilename', 'unique_filename'],
];

/** What prepareUploadParams may set (Cloudinary's list), by the parameter it becomes. */
const PREPARABLE: Record<string, string> = {
  apiKey: 'api_key',
  auditContext: 'audit_context',
  context: 'context',
  folder: 'folder',
  invalidate: 'invalidate',
  metadata: 'metadata',
  overwrite: 'overwrite',
  publicId: 'public_id',
  qualityAnalysis: 'quality_analysis',
  resourceType: 'resource_type',
  signature: 'signature',
  tags: 'tags',
  uniqueFilename: 'unique_filename',
  uploadPreset: 'upload_preset',
  uploadSignatureTimestamp: 'timestamp',
  useFilename: 'use_filename',
};
const PREPARABLE_SNAKE = new Map(Object.values(PREPARABLE).map((p) => [p, p]));

export function paramsFromOptions(options: EngineOptions, overrides: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [option, param] of OPTION_PARAMS) {
    const value = options[option];
    if (value !== undefined && value !== '') params[param] = value;
  }
  // The widget's mark on every upload; Cloudinary signs it too.
  params.source = 'uw';
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined && v !== '') params[k] = v;
  return params;
}

/** Reads the hook's answer (camelCase or snake_case keys); keys it may not set are reported, not sent. */
export function readPrepared(answer: Record<string, unknown>): { params: Record<string, unknown>; ignored: string[] } {
  const params: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(answer)) {
    if (key === 'cancel') continue;
    const param = PREPARABLE[key] ?? PREPARABLE_SNAKE.get(key) ?? (key === 'upload_signature_timestamp' ? 'timestamp' : undefined);
    if (param) params[param] = value;
    else ignored.push(key);
  }
  return { params, ignored };
}
