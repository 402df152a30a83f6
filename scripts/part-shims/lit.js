// Parts of the classic-script build use the main bundle's lit (see src/lazy/load-part-iife.ts).
const { lit } = globalThis.__uploadWidgetRuntime;
export const { LitElement, ReactiveElement, css, html, svg, nothing, noChange, unsafeCSS, render } = lit;
