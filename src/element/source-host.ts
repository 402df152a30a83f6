// The sources as the widget shows them: the tabs (when there are several) and the chosen source's
// panel. Its element is made when its tab is chosen (a source in a lazy part loads then, and its
// element upgrades when it arrives) and kept while the tab stays chosen; it gets the options and
// whether it is showing (a camera turns off when not); the files it picks go to the widget.
import { html, nothing } from 'lit';
import type { WidgetOptions } from '../options.js';
import type { SourceElement, SourcePlugin } from '../sources/registry.js';
import '../views/source-tabs.js';

export class SourceHost {
  private shown?: { id: string; el: SourceElement };

  constructor(
    /** Files the source picked. */
    private readonly picked: (files: Array<File | string>) => void,
    /** Its lazy part did not load. */
    private readonly partFailed: (e: unknown) => void,
    /** A tab was chosen. */
    private readonly select: (source: string) => void,
  ) {}

  /** The chosen tab's source: its element is made now (so its part loads before its tab shows). */
  choose(plugin: SourcePlugin | undefined): void {
    if (plugin && this.shown?.id !== plugin.id) {
      const el = document.createElement(plugin.tag) as SourceElement;
      el.setAttribute('exportparts', 'drop-area, browse-button');
      el.addEventListener('files-picked', (e) => {
        e.stopPropagation();
        this.picked((e as CustomEvent<Array<File | string>>).detail);
      });
      this.shown = { id: plugin.id, el };
      plugin.load?.().catch(this.partFailed);
    }
  }

  /** The tabs and the chosen source's panel, given the options and whether the widget shows. */
  render(plugins: readonly SourcePlugin[], selected: string, options: WidgetOptions, active: boolean) {
    const tabs = plugins.map((s) => ({ id: s.id, label: s.label() }));
    const several = tabs.length > 1;
    const el = this.shown?.el;
    if (el) {
      el.options = options;
      el.active = active;
    }
    return html`${
      several
        ? html`<uw-source-tabs exportparts="tabs, tab, source-menu-button" .tabs=${tabs} selected=${selected} @source-select=${this.onSelect}></uw-source-tabs>`
        : nothing
    }
      <div id="uw-panel" role=${several ? 'tabpanel' : nothing} aria-label=${tabs.find((t) => t.id === selected)?.label ?? nothing} class="panel">
        ${el ?? nothing}
      </div>`;
  }

  private readonly onSelect = (e: CustomEvent<{ source: string }>) => {
    e.stopPropagation();
    this.select(e.detail.source);
  };
}
