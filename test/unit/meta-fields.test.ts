// Describing files before they go (`metaFields`): values to Cloudinary's context, metadata or
// tags; files wait while a required value is missing, saying which; the local server stores what
// the person typed.
import { expect } from '@open-wc/testing';
import { missingFields, withMeta } from '../../src/core/meta-fields.js';
import { ENGINE_DEFAULTS, type EngineOptions, type MetaField } from '../../src/core/engine-options.js';
import type { QueueItem } from '../../src/core/types.js';
import { lastSeq, makeController, nextEvent, randomFile, serverRequests, until } from './helpers.js';

const FIELDS: MetaField[] = [
  { name: 'alt', label: 'Alt text', required: true },
  { name: 'caption', label: 'Caption' },
  { name: 'room', label: 'Room', to: 'metadata' },
  { name: 'keywords', label: 'Keywords', to: 'tags' },
];
const item = (meta: Record<string, string>, overrides: Record<string, unknown> = {}) => ({ id: 'f1', name: 'a.jpg', meta, overrides }) as unknown as QueueItem;
const options = (o: Partial<EngineOptions> = {}) => ({ ...ENGINE_DEFAULTS, cloudName: 'demo', ...o }) as EngineOptions;

describe('meta fields', () => {
  it('a required field left empty or blank is missing; the others are not', () => {
    expect(missingFields(FIELDS, item({})).map((f) => f.name)).to.deep.equal(['alt']);
    expect(missingFields(FIELDS, item({ alt: '  ' })).map((f) => f.name)).to.deep.equal(['alt']);
    expect(missingFields(FIELDS, item({ alt: 'A dog' }))).to.deep.equal([]);
  });

  it('values join the options’ context (the person’s win), metadata and tags; empty ones are left out', () => {
    const params = withMeta(
      FIELDS,
      item({ alt: ' A dog | a=b ', caption: '', room: 'kitchen', keywords: 'dog, garden' }, { public_id: 'x' }),
      options({ context: { source: 'site', alt: 'old' }, tags: ['listing'] }),
    );
    expect(params).to.deep.equal({
      public_id: 'x',
      context: { source: 'site', alt: 'A dog | a=b' },
      metadata: { room: 'kitchen' },
      tags: ['listing', 'dog', 'garden'],
    });
    expect(withMeta(FIELDS, item({}), options())).to.deep.equal({});
  });

  it('files wait with fields to fill in; one missing a required value stays, saying so; filled in, it goes with its context stored', async () => {
    const since = await lastSeq();
    const { controller, events } = makeController({ metaFields: FIELDS.slice(0, 2), context: { source: 'unit' } }, 'server', {
      loadMetaFields: () => import('../../src/core/meta-fields.js'),
    });
    const [a, b] = await controller.addFiles([randomFile(1000, 'a.jpg', 'image/jpeg'), randomFile(1200, 'b.jpg', 'image/jpeg')]);
    expect(controller.items.map((i) => i.status)).to.deep.equal(['held', 'held']);
    controller.setMeta(a.id, { alt: 'A red door', caption: 'Front | porch' });
    const refused = nextEvent(controller, 'error');
    const success = nextEvent(controller, 'success');
    await controller.upload();
    const error = await refused;
    expect(error.message).to.equal('b.jpg: fill in Alt text to upload this file.');
    expect(error.file?.name).to.equal('b.jpg');
    const info = await success;
    expect(info.context?.custom).to.deep.equal({ source: 'unit', alt: 'A red door', caption: 'Front | porch' });
    expect(controller.items[1]).to.include({ status: 'held', error: 'b.jpg: fill in Alt text to upload this file.' });

    controller.setMeta(b.id, { alt: 'A blue window' });
    expect(controller.items[1].error, 'the reason goes once the person types').to.equal(undefined);
    const end = nextEvent(controller, 'queues-end');
    await controller.upload(b.id);
    await end;
    const sent = (await serverRequests(since)).filter((r) => r.status === 200).map((r) => r.params.context);
    expect(sent).to.deep.equal(['source=unit|alt=A red door|caption=Front \\| porch', 'source=unit|alt=A blue window']);
    expect(events.filter((e) => e.name === 'upload-added')).to.have.length(2);
    await until(() => controller.items.every((i) => i.status === 'done'), 'both stored');
  });
});
