const { options } = globalThis.__uploadWidgetRuntime;
export const { DEFAULT_OPTIONS } = options;
