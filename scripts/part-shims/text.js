const { text } = globalThis.__uploadWidgetRuntime;
export const { t } = text;
