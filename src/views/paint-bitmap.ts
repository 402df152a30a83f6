// Draws an ImageBitmap on the <canvas> it sits on, only when the bitmap changes. A canvas needs
// neither a blob: URL (which a strict img-src may forbid) nor a copy of the pixels in an <img>.
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class PaintBitmapDirective extends Directive {
  private painted?: ImageBitmap;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('paintBitmap goes on a canvas: <canvas ${paintBitmap(b)}>');
  }

  render(_bitmap: ImageBitmap) {
    return noChange;
  }

  override update(part: ElementPart, [bitmap]: [ImageBitmap]) {
    if (bitmap === this.painted) return noChange;
    const canvas = part.element as HTMLCanvasElement;
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    this.painted = bitmap;
    return noChange;
  }
}

export const paintBitmap = directive(PaintBitmapDirective);
