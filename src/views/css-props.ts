// Sets CSS properties through the CSSOM on every render, the first included. lit's styleMap
// writes a style attribute on first render, which a strict Content-Security-Policy
// (style-src without 'unsafe-inline') blocks; CSSOM writes are allowed.
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssPropsDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps goes on an element: <div ${cssProps({...})}>');
  }

  render(_props: Record<string, string | number>) {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Record<string, string | number>]) {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(props)) style.setProperty(name, String(value));
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
