// Keeps Tab and Shift+Tab inside a modal widget. A native modal <dialog> makes the page inert,
// but Tab still leaves for the browser's own controls; this wraps around instead. Tab order is
// computed through nested shadow roots, which the browser's own ordering does not expose.

const FOCUSABLE = 'button, input, select, textarea, a[href], video[controls], [tabindex]';

/** Tabbable elements under `root` in tab order (document order; positive tabindex is not used here). */
export function tabbables(root: Element | ShadowRoot): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      if (child instanceof HTMLElement && child.matches(FOCUSABLE) && isTabbable(child)) found.push(child);
      // A host's rendering is its shadow tree; a slot's is what is assigned to it.
      if (child.shadowRoot) visit(child.shadowRoot);
      else if (child instanceof HTMLSlotElement) for (const el of child.assignedElements()) visit({ children: [el] } as unknown as Element);
      else visit(child);
    }
  };
  visit(root);
  return found;
}

function isTabbable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  return el.checkVisibility({ checkVisibilityCSS: true });
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Keydown handler: wraps focus from the last tabbable to the first and back. */
export function trapTab(e: KeyboardEvent, root: Element | ShadowRoot): void {
  if (e.key !== 'Tab') return;
  const list = tabbables(root);
  if (!list.length) return;
  const current = deepActiveElement();
  const first = list[0];
  const last = list[list.length - 1];
  if (e.shiftKey && (current === first || !list.includes(current as HTMLElement))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (current === last || !list.includes(current as HTMLElement))) {
    e.preventDefault();
    first.focus();
  }
}
