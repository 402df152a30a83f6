const { dispatch } = globalThis.__uploadWidgetRuntime;
export const { fire } = dispatch;
