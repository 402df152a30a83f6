const { sharedStyles } = globalThis.__uploadWidgetRuntime;
export const { srOnly } = sharedStyles;
