// What screen readers hear, as the element holds it: the announcer (./announcer.ts, the words and
// the timeline) is a lazy part fetched once the widget is in a page; what it would have heard
// before it arrived is told to it then, in order. The live regions are drawn empty until then.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EngineEventMap, EngineEventName } from '../core/engine-events.js';
import { loadPart } from '../lazy/load-part.js';
import type { AnnouncerController, AnnouncerSource } from './announcer.js';
import { liveRegions } from './live-regions.js';

export class LazyAnnouncer implements ReactiveController {
  private real?: AnnouncerController;
  private waiting?: Array<(a: AnnouncerController) => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: AnnouncerSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.real || !this.waiting) return;
    (loadPart('announcer') as Promise<typeof import('./announcer.js')>).then(
      (m) => {
        if (this.real) return;
        this.real = new m.AnnouncerController(this.host, this.source);
        for (const tell of this.waiting ?? []) tell(this.real);
        this.waiting = undefined;
      },
      // Without it the widget works, silently: what it would say is dropped, not kept forever.
      () => (this.waiting = undefined),
    );
  }

  private tell(what: (a: AnnouncerController) => void): void {
    if (this.real) what(this.real);
    else this.waiting?.push(what);
  }

  hear<K extends EngineEventName>(name: K, detail: EngineEventMap[K]): void {
    this.tell((a) => a.hear(name, detail));
  }

  announce(text: string): void {
    this.tell((a) => a.announce(text));
  }

  render() {
    return this.real ? this.real.render() : liveRegions();
  }
}
