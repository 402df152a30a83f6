// Keeps Tab and Shift+Tab inside a modal widget. A native modal <dialog> makes the page inert,
// but Tab still leaves for the browser's own controls; this wraps around instead. Tab order is
// computed through nested shadow roots, which the browser's own ordering does not expose.

const FOCUSABLE = 'button, input, select, textarea, a[href], video[controls], [tabindex]';

/** Tabbable elements under `root` in tab order (document order; positive tabindex is not used here). */
export function tabbables(root: Element | ShadowRoot): HTMLElement[] {
  return tabOrder(root).list;
}

/**
 * The tabbable elements under `root` in tab order, and where `marker` stands among them: `at` is
 * how many of them come before it in the composed tree (undefined when it is not under `root`).
 */
export function tabOrder(root: Element | ShadowRoot, marker?: Element | null): { list: HTMLElement[]; at?: number } {
  const found: HTMLElement[] = [];
  let at: number | undefined;
  const visit = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      if (child === marker) at = found.length;
      if (child instanceof HTMLElement && child.matches(FOCUSABLE) && isTabbable(child)) found.push(child);
      // A host's rendering is its shadow tree; a slot's is what is assigned to it.
      if (child.shadowRoot) visit(child.shadowRoot);
      else if (child instanceof HTMLSlotElement) for (const el of child.assignedElements()) visit({ children: [el] } as unknown as Element);
      else visit(child);
    }
  };
  visit(root);
  return { list: found, at };
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

/**
 * Keydown handler: wraps focus from the last tabbable to the first and back. From an element that
 * is not in the Tab order (a summary focused with tabindex=-1), Tab goes to the next tabbable after
 * it in tree order and Shift+Tab to the one before, wrapping only at the ends.
 */
export function trapTab(e: KeyboardEvent, root: Element | ShadowRoot): void {
  if (e.key !== 'Tab') return;
  const current = deepActiveElement();
  const { list, at } = tabOrder(root, current);
  if (!list.length) return;
  const first = list[0];
  const last = list[list.length - 1];
  const inList = list.includes(current as HTMLElement);
  if (!inList && at !== undefined) {
    e.preventDefault();
    // `at` tabbables come before it: the next is list[at], the one before list[at - 1].
    (e.shiftKey ? (list[at - 1] ?? last) : (list[at] ?? first)).focus();
  } else if (e.shiftKey && (current === first || !inList)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (current === last || !inList)) {
    e.preventDefault();
    first.focus();
  }
}
