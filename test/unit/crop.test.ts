// Crop geometry: the box in source pixels, kept inside the image, with the aspect ratio kept.
import { expect } from '@open-wc/testing';
import {
  coordinatesOverride,
  cropProblem,
  defaultSelection,
  carryCrop,
  keyboardStep,
  moveBy,
  moveTo,
  resizeBy,
  resizeFromHandle,
  snapToEdges,
  HANDLES,
  type CropRect,
  type Size,
} from '../../src/core/crop.js';

const image: Size = { width: 400, height: 300 };

function inside(r: CropRect, img: Size) {
  expect(r.x, 'x').to.be.at.least(0);
  expect(r.y, 'y').to.be.at.least(0);
  expect(r.x + r.width, 'right edge').to.be.at.most(img.width);
  expect(r.y + r.height, 'bottom edge').to.be.at.most(img.height);
  for (const v of [r.x, r.y, r.width, r.height]) expect(Number.isInteger(v), `${v} is whole`).to.equal(true);
}

describe('crop geometry', () => {
  describe('default selection', () => {
    it('covers the whole image at ratio 1 with a free aspect', () => {
      expect(defaultSelection(image, 1)).to.deep.equal({ x: 0, y: 0, width: 400, height: 300 });
    });

    it('is centred and scaled by croppingDefaultSelectionRatio', () => {
      expect(defaultSelection(image, 0.5)).to.deep.equal({ x: 100, y: 75, width: 200, height: 150 });
    });

    it('is the largest centred box of the aspect ratio, scaled by the ratio', () => {
      expect(defaultSelection(image, 1, 1)).to.deep.equal({ x: 50, y: 0, width: 300, height: 300 });
      expect(defaultSelection(image, 0.5, 2)).to.deep.equal({ x: 100, y: 100, width: 200, height: 100 });
      // A tall aspect in a wide image is limited by the height.
      expect(defaultSelection(image, 1, 0.5)).to.deep.equal({ x: 125, y: 0, width: 150, height: 300 });
    });

    it('keeps a ratio outside 0.1–1 within it', () => {
      expect(defaultSelection(image, 0.01)).to.deep.equal(defaultSelection(image, 0.1));
      expect(defaultSelection(image, 5)).to.deep.equal(defaultSelection(image, 1));
    });
  });

  describe('moving', () => {
    const box = { x: 100, y: 100, width: 100, height: 50 };

    it('moves by whole pixels and keeps the size', () => {
      expect(moveBy(box, 10.4, -20, image)).to.deep.equal({ x: 110, y: 80, width: 100, height: 50 });
    });

    it('stops at every edge of the image', () => {
      expect(moveBy(box, -500, -500, image)).to.deep.equal({ x: 0, y: 0, width: 100, height: 50 });
      expect(moveBy(box, 500, 500, image)).to.deep.equal({ x: 300, y: 250, width: 100, height: 50 });
      expect(moveTo(box, 400, 0, image)).to.deep.equal({ x: 300, y: 0, width: 100, height: 50 });
    });

    it('snaps to an edge only within the threshold', () => {
      expect(snapToEdges({ x: 5, y: 244, width: 100, height: 50 }, image, 6)).to.deep.equal({ x: 0, y: 250, width: 100, height: 50 });
      expect(snapToEdges({ x: 7, y: 243, width: 100, height: 50 }, image, 6)).to.deep.equal({ x: 7, y: 243, width: 100, height: 50 });
    });
  });

  describe('resizing from a handle', () => {
    const box = { x: 100, y: 100, width: 100, height: 100 };

    it('moves only the dragged edges when the aspect is free', () => {
      expect(resizeFromHandle(box, 'se', 30, 10, image)).to.deep.equal({ x: 100, y: 100, width: 130, height: 110 });
      expect(resizeFromHandle(box, 'nw', 30, 10, image)).to.deep.equal({ x: 130, y: 110, width: 70, height: 90 });
      expect(resizeFromHandle(box, 'e', 30, 50, image)).to.deep.equal({ x: 100, y: 100, width: 130, height: 100 });
      expect(resizeFromHandle(box, 'n', 30, -40, image)).to.deep.equal({ x: 100, y: 60, width: 100, height: 140 });
    });

    it('keeps the aspect ratio from every handle, following the larger stretch', () => {
      const wide = { x: 100, y: 100, width: 100, height: 50 };
      for (const handle of HANDLES) {
        for (const [dx, dy] of [
          [20, 5],
          [-15, 30],
          [40, -40],
          [-7, -3],
        ]) {
          const r = resizeFromHandle(wide, handle, dx, dy, image, { aspect: 2 });
          expect(Math.abs(r.width / r.height - 2), `${handle} ${dx},${dy}: ${JSON.stringify(r)}`).to.be.below(0.05);
          inside(r, image);
        }
      }
      // 'se' dragged mostly downwards: the height leads and the width follows.
      expect(resizeFromHandle(wide, 'se', 2, 30, image, { aspect: 2 })).to.deep.equal({ x: 100, y: 100, width: 160, height: 80 });
      // An edge handle keeps the box centred on the other axis.
      expect(resizeFromHandle(wide, 'e', 20, 0, image, { aspect: 2 })).to.deep.equal({ x: 100, y: 95, width: 120, height: 60 });
    });

    it('stops at the image edges, with the aspect still kept', () => {
      expect(resizeFromHandle(box, 'se', 1000, 1000, image)).to.deep.equal({ x: 100, y: 100, width: 300, height: 200 });
      expect(resizeFromHandle(box, 'nw', -1000, -1000, image)).to.deep.equal({ x: 0, y: 0, width: 200, height: 200 });
      // Square in a 400×300 image from (100,100): the bottom (200 px of room) limits it.
      expect(resizeFromHandle(box, 'se', 1000, 1000, image, { aspect: 1 })).to.deep.equal({ x: 100, y: 100, width: 200, height: 200 });
      // An edge handle with an aspect slides the box back inside instead of overflowing.
      const r = resizeFromHandle({ x: 0, y: 250, width: 100, height: 50 }, 'e', 100, 0, image, { aspect: 2 });
      expect(r).to.deep.equal({ x: 0, y: 200, width: 200, height: 100 });
    });

    it('never collapses below the minimum size, nor flips over', () => {
      expect(resizeFromHandle(box, 'se', -500, -500, image, { minSize: 20 })).to.deep.equal({ x: 100, y: 100, width: 20, height: 20 });
      expect(resizeFromHandle(box, 'nw', 500, 500, image, { minSize: 20 })).to.deep.equal({ x: 180, y: 180, width: 20, height: 20 });
      const r = resizeFromHandle(box, 'sw', 500, -500, image, { minSize: 10, aspect: 2 });
      expect(r).to.deep.equal({ x: 180, y: 100, width: 20, height: 10 });
    });
  });

  describe('resizing by keyboard steps', () => {
    it('grows and shrinks from the top-left corner', () => {
      const box = { x: 100, y: 100, width: 100, height: 50 };
      expect(resizeBy(box, 4, 0, image)).to.deep.equal({ x: 100, y: 100, width: 104, height: 50 });
      expect(resizeBy(box, 0, -4, image)).to.deep.equal({ x: 100, y: 100, width: 100, height: 46 });
    });

    it('keeps the aspect ratio when one side changes', () => {
      const box = { x: 100, y: 100, width: 100, height: 50 };
      expect(resizeBy(box, 10, 0, image, { aspect: 2 })).to.deep.equal({ x: 100, y: 100, width: 110, height: 55 });
      expect(resizeBy(box, 0, -10, image, { aspect: 2 })).to.deep.equal({ x: 100, y: 100, width: 80, height: 40 });
    });

    it('slides back from the far edges so the box can still grow, up to the image', () => {
      expect(resizeBy({ x: 300, y: 250, width: 100, height: 50 }, 20, 0, image)).to.deep.equal({ x: 280, y: 250, width: 120, height: 50 });
      expect(resizeBy({ x: 300, y: 250, width: 100, height: 50 }, 1000, 0, image, { aspect: 2 })).to.deep.equal({
        x: 0,
        y: 100,
        width: 400,
        height: 200,
      });
    });

    it('steps 5% of the longer side (1% when fine), at least one pixel', () => {
      expect(keyboardStep(image)).to.equal(20);
      expect(keyboardStep(image, true)).to.equal(4);
      expect(keyboardStep({ width: 30, height: 20 })).to.equal(2);
      expect(keyboardStep({ width: 30, height: 20 }, true)).to.equal(1);
    });
  });

  describe('carrying a crop to another image (Apply to all)', () => {
    it('keeps the centre and the share of the largest box of the aspect', () => {
      // 400×300, a 1:1 box of 150 (half of 300) centred at (200, 150).
      const rect = { x: 125, y: 75, width: 150, height: 150 };
      expect(carryCrop(rect, image, { width: 1000, height: 2000 }, 1)).to.deep.equal({ x: 250, y: 750, width: 500, height: 500 });
    });

    it('stays inside the other image and keeps the aspect exactly', () => {
      const rect = { x: 0, y: 0, width: 300, height: 300 };
      const out = carryCrop(rect, image, { width: 90, height: 160 }, 1);
      expect(out).to.deep.equal({ x: 0, y: 35, width: 90, height: 90 });
      const wide = carryCrop({ x: 0, y: 75, width: 400, height: 225 }, image, { width: 1920, height: 1080 }, 16 / 9);
      expect(wide).to.deep.equal({ x: 0, y: 0, width: 1920, height: 1080 });
    });
  });

  describe('validation against min/max image dimensions', () => {
    const crop = { x: 0, y: 0, width: 200, height: 100 };

    it('accepts a crop within the limits, and when there are none', () => {
      expect(cropProblem(crop, {})).to.equal(undefined);
      expect(cropProblem(crop, { minImageWidth: 200, minImageHeight: 100, maxImageWidth: 200, maxImageHeight: 100 })).to.equal(undefined);
    });

    it('names the side that is too small or too large, with its size and the limit it breaks (the crop view words it)', () => {
      expect(cropProblem(crop, { minImageWidth: 201 })).to.deep.equal({ side: 'width', size: 200, min: 201 });
      expect(cropProblem(crop, { minImageHeight: 150 })).to.deep.equal({ side: 'height', size: 100, min: 150 });
      expect(cropProblem(crop, { maxImageWidth: 150 })).to.deep.equal({ side: 'width', size: 200, max: 150 });
      expect(cropProblem(crop, { maxImageHeight: 99 })).to.deep.equal({ side: 'height', size: 100, max: 99 });
    });
  });

  it('writes the crop as the upload parameter of the coordinates mode', () => {
    const rect = { x: 12, y: 34, width: 56, height: 78 };
    expect(coordinatesOverride(rect, 'custom')).to.deep.equal({ custom_coordinates: '12,34,56,78' });
    expect(coordinatesOverride(rect, 'face')).to.deep.equal({ face_coordinates: '12,34,56,78' });
  });
});
