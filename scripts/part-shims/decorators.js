const { decorators } = globalThis.__uploadWidgetRuntime;
export const { customElement, property, query, queryAll, state, eventOptions } = decorators;
