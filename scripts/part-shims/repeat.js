// Parts of the classic-script build use the main bundle's repeat directive (see src/lazy/load-part-iife.ts).
export const { repeat } = globalThis.__uploadWidgetRuntime;
