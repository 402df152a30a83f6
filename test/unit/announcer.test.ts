// The announcer's timeline, headless: one message at a time across both live regions, each held
// its time, failures ahead of waiting counts; successes folded into counts; the end summary naming
// the failed files. And the rules that decide what is retryable and where Tab goes.
import { expect } from '@open-wc/testing';
import { AnnouncerController, NAMES_IN_SUMMARY, SpeechQueue, batchSummary } from '../../src/element/announcer.js';
import type { FileSummary } from '../../src/core/engine-events.js';
import { isContentRejection } from '../../src/core/retry.js';
import { tabOrder } from '../../src/views/focus-trap.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const file = (name: string, status: string): FileSummary =>
  ({ id: name, batchId: 'b', name, size: 1, type: '', status, failed: status === 'error', done: status === 'success', progress: 0 }) as FileSummary;

describe('SpeechQueue', () => {
  it('holds each message its time, across both regions, and puts failures before waiting counts', async () => {
    const shown: string[] = [];
    const q = new SpeechQueue(() => shown.push(`${q.text.polite}|${q.text.assertive}`), 150);
    q.say('1 of 9 uploaded', 'polite', true);
    q.say('2 of 9 uploaded', 'polite', true);
    q.say('a.png: Invalid image file', 'assertive');
    q.say('b.png: Invalid image file', 'assertive');
    // The first is shown at once; the waiting count was replaced by the newer one, which waits behind the failures.
    expect(shown).to.deep.equal(['1 of 9 uploaded|']);
    await sleep(120);
    expect(shown).to.have.length(1);
    await sleep(600);
    expect(shown).to.deep.equal([
      '1 of 9 uploaded|',
      '1 of 9 uploaded|a.png: Invalid image file',
      '1 of 9 uploaded|b.png: Invalid image file',
      '2 of 9 uploaded|b.png: Invalid image file',
    ]);
    expect(q.pending).to.equal(0);
  });

  it("counts a message's time from when it is drawn: a late render does not shorten it", async () => {
    const q = new SpeechQueue(() => {}, 150);
    q.say('a.png: Invalid image file', 'assertive');
    q.say('b.png: Invalid image file', 'assertive');
    // The page drew the first message 100 ms after it was placed.
    await sleep(100);
    q.shown();
    await sleep(90);
    expect(q.text.assertive, '190 ms after placing, 90 ms after drawing').to.equal('a.png: Invalid image file');
    await sleep(120);
    expect(q.text.assertive).to.equal('b.png: Invalid image file');
  });
});

describe('batchSummary', () => {
  it('counts, then names the failed files: the first few, then how many more', () => {
    expect(batchSummary([file('a.png', 'success'), file('b.png', 'success')])).to.equal('Finished: 2 files uploaded.');
    const many = [file('ok.png', 'success'), ...Array.from({ length: NAMES_IN_SUMMARY + 2 }, (_, i) => file(`bad-${i}.png`, 'error'))];
    expect(batchSummary(many)).to.equal('Finished: 1 file uploaded. 7 failed: bad-0.png, bad-1.png, bad-2.png, bad-3.png, bad-4.png and 2 more.');
  });
});

describe('AnnouncerController', () => {
  it('folds successes into one count per interval, and the end drops a count still waiting', async () => {
    const counts = { done: 0, count: 30 };
    const host = { requestUpdate() {}, addController() {} } as never;
    const a = new AnnouncerController(host, { counts: () => counts, locale: () => 'en', inLanguage: (f) => f() }, 200);
    for (let i = 0; i < 10; i++) {
      counts.done++;
      a.hear('success', {} as never);
    }
    expect(a.speech.text.polite).to.equal('');
    await sleep(260);
    expect(a.speech.text.polite).to.equal('10 of 30 uploaded');
    a.hear('error', { message: 'c.png: Invalid image file' } as never);
    a.hear('queues-end', { files: [file('c.png', 'error'), file('d.png', 'success')] } as never);
    await sleep(50);
    a.hostDisconnected();
  });
});

describe('isContentRejection', () => {
  it('is a 400, 415 or 422 about the file, not about the signature, preset or credentials', () => {
    expect(isContentRejection(400, 'Invalid image file')).to.equal(true);
    expect(isContentRejection(415, 'Unsupported media type')).to.equal(true);
    expect(isContentRejection(422, 'Unprocessable')).to.equal(true);
    expect(isContentRejection(400, 'Upload preset not found')).to.equal(false);
    expect(isContentRejection(401, 'Invalid Signature abc')).to.equal(false);
    expect(isContentRejection(400, 'Missing required parameter - timestamp')).to.equal(false);
    expect(isContentRejection(400, "Unknown upload 'x': its first chunk…")).to.equal(false);
    expect(isContentRejection(500, 'Internal error')).to.equal(false);
  });
});

describe('tabOrder', () => {
  it('places an element outside the Tab order among the tabbables, through shadow roots', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const first = document.createElement('button');
    const summary = document.createElement('div');
    summary.tabIndex = -1;
    const inner = document.createElement('button');
    summary.append(inner);
    const last = document.createElement('button');
    root.append(first, summary, last);
    const { list, at } = tabOrder(root, summary);
    expect(list).to.deep.equal([first, inner, last]);
    expect(at).to.equal(1);
    host.remove();
  });
});
