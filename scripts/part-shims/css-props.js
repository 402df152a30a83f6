const { cssProps } = globalThis.__uploadWidgetRuntime;
export const { cssProps: cssPropsDirective } = cssProps;
export { cssPropsDirective as cssProps };
