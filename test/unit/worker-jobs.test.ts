// Work handed to a worker: a few jobs at a time (the rest wait on the page, so a batch of
// thousands is not copied into messages at once), answered in the order asked, and done on the
// page when the worker cannot start.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { WorkerJobs } from '../../src/core/worker-jobs.js';

// The worker side of the protocol (serveJobs, inlined: a blob worker imports nothing): doubles a number.
const DOUBLER = URL.createObjectURL(
  new Blob(['onmessage = ({ data: { id, job } }) => setTimeout(() => postMessage({ id, result: job * 2 }), 1);'], { type: 'text/javascript' }),
);

describe('WorkerJobs', () => {
  it('hands the worker two jobs at a time, the next as one ends, and answers every job in the order asked', async () => {
    const posted = sinon.spy(Worker.prototype, 'postMessage');
    try {
      const jobs = new WorkerJobs<number, number>(DOUBLER, 'test doubler', async (n) => -n);
      const answers = Array.from({ length: 50 }, (_, i) => jobs.run(i));
      expect(posted.callCount, 'handed over at once').to.equal(2);
      expect(await Promise.all(answers)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i * 2));
      expect(posted.callCount, 'each job handed over once').to.equal(50);
    } finally {
      posted.restore();
    }
  });

  it('a worker that cannot start: every job, handed over or waiting, is done on the page', async () => {
    const missing = new URL('/no-such-worker.js', location.href);
    const jobs = new WorkerJobs<number, number>(missing, 'test missing', async (n) => n + 1000);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => jobs.run(i)));
    expect(answers).to.deep.equal(Array.from({ length: 10 }, (_, i) => i + 1000));
  });

  it('drops a job no longer wanted when its turn comes (rejecting with an AbortError); the jobs behind it are done', async () => {
    const posted = sinon.spy(Worker.prototype, 'postMessage');
    try {
      const jobs = new WorkerJobs<number, number>(DOUBLER, 'test doubler', async (n) => -n);
      const gone = new Set([3, 4, 5]);
      const answers = Array.from({ length: 8 }, (_, i) => jobs.run(i, () => !gone.has(i)).catch((e: Error) => e.name));
      expect(await Promise.all(answers)).to.deep.equal([0, 2, 4, 'AbortError', 'AbortError', 'AbortError', 12, 14]);
      expect(posted.callCount, 'the dropped jobs never handed over').to.equal(5);
    } finally {
      posted.restore();
    }
  });

  it('on the page too (no worker): a job no longer wanted is not worked on', async () => {
    const worked: number[] = [];
    const jobs = new WorkerJobs<number, number>(undefined, 'test page', async (n) => {
      worked.push(n);
      return n + 1;
    });
    let wanted = true;
    const first = jobs.run(1, () => wanted);
    const second = jobs.run(2, () => wanted);
    wanted = false;
    expect(await first.catch((e: Error) => e.name)).to.equal('AbortError');
    expect(await second.catch((e: Error) => e.name)).to.equal('AbortError');
    expect(await jobs.run(3)).to.equal(4);
    expect(worked).to.deep.equal([3]);
  });
});
