const { localize } = globalThis.__uploadWidgetRuntime;
export const { localized, msg, str } = localize;
