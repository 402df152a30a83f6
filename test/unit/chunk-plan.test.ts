import { expect } from '@open-wc/testing';
import { acknowledgedBytes, chunkPlan } from '../../src/core/upload-file.js';

const MiB = 1024 * 1024;

describe('chunkPlan: how a big file is cut', () => {
  it("keeps Cloudinary's rules for every size: contiguous, every chunk but the last from 5 MiB to chunkSize", () => {
    const sizes = [5 * MiB, 6 * MiB, 10 * MiB, 20_000_000, 50 * MiB];
    for (const chunkSize of sizes) {
      for (let total = chunkSize + 1; total < chunkSize * 7; total += 1_234_567) {
        const plan = chunkPlan(total, chunkSize);
        const where = `total ${total}, chunkSize ${chunkSize}`;
        expect(plan[0].start, where).to.equal(0);
        expect(plan.at(-1)!.end, where).to.equal(total);
        plan.forEach((c, i) => {
          if (i) expect(c.start, where).to.equal(plan[i - 1].end);
          expect(c.end - c.start, where).to.be.greaterThan(0);
          if (i < plan.length - 1) {
            expect(c.end - c.start, where).to.be.at.least(5 * MiB);
            expect(c.end - c.start, where).to.be.at.most(chunkSize);
          }
        });
      }
    }
  });

  it('sends little alone: the first chunk is 5 MiB and the last at most 1 MiB when the rest allows', () => {
    const plan = chunkPlan(96 * MiB, 20_000_000);
    expect(plan.map((c) => c.end - c.start)).to.deep.equal([
      5 * MiB,
      20_000_000,
      20_000_000,
      20_000_000,
      20_000_000,
      96 * MiB - 5 * MiB - 80_000_000 - MiB,
      MiB,
    ]);
    // Too little left to split: the last chunk takes it all.
    expect(chunkPlan(5 * MiB + 3 * MiB, 5 * MiB).map((c) => c.end - c.start)).to.deep.equal([5 * MiB, 3 * MiB]);
  });

  it('counts the acknowledged bytes by the same plan', () => {
    const total = 96 * MiB;
    const plan = chunkPlan(total, 20_000_000);
    expect(acknowledgedBytes(total, 20_000_000, [])).to.equal(0);
    expect(acknowledgedBytes(total, 20_000_000, [0, plan[2].start])).to.equal(5 * MiB + 20_000_000);
    expect(
      acknowledgedBytes(
        total,
        20_000_000,
        plan.map((c) => c.start),
      ),
    ).to.equal(total);
  });
});
