// The element's options: every option is a property (camelCase) and, unless it is a function or a
// plugin, an attribute (kebab-case); `options` takes them all as one object, Cloudinary-style.
// What is in force: the defaults, then the options object, then attributes and properties.
import type { PropertyDeclarations } from 'lit';
import { DEFAULT_OPTIONS, OPTION_SPECS, type OptionProblem, type WidgetOptions, kebab, normalizeOptions, parseAttribute } from '../options.js';

type OptionName = keyof WidgetOptions;

/** Every option is a property (camelCase) and, unless it is a function or a plugin, an attribute (kebab-case). */
export function optionProperties(): PropertyDeclarations {
  const props: Record<string, PropertyDeclarations[string]> = {};
  for (const name of Object.keys(OPTION_SPECS) as OptionName[]) {
    const { kind, objectOnly } = OPTION_SPECS[name];
    // Cloudinary's `form` option comes in the options object: the attribute and property keep their HTML meaning.
    if (objectOnly) continue;
    props[name] =
      kind === 'function' || kind === 'plugin'
        ? { attribute: false }
        : { attribute: kebab(name), converter: { fromAttribute: (text: string | null) => parseAttribute(name, text) } };
  }
  return props;
}

/**
 * The lowercase spelling of each option attribute whose name has more than one word
 * (`uploadprefix` for `upload-prefix`): what server-rendered JSX emits for a camelCase prop
 * (`<upload-widget uploadPrefix=…>` in React or Svelte), as HTML lowercases attribute names. The
 * element observes these too, so such markup is configured before, and without, hydration.
 */
export const LOWERCASE_ALIASES: ReadonlyMap<string, OptionName> = new Map(
  Object.entries(optionProperties())
    .filter(([name, declaration]) => typeof declaration?.attribute === 'string' && name.toLowerCase() !== declaration.attribute)
    .map(([name]) => [name.toLowerCase(), name as OptionName]),
);

/** The option a lowercase alias attribute names, with its value read as the kebab-case attribute's would be. */
export function readAlias(attribute: string, text: string | null): { option: OptionName; value: unknown } | undefined {
  const option = LOWERCASE_ALIASES.get(attribute);
  return option && { option, value: parseAttribute(option, text) };
}

/**
 * The options in force for `host` (its option properties), `bag` (its options object) and a secret
 * given to be refused. A registered source's own option that is not a property of the host is read
 * from its attribute (declared after the element was defined, it is not observed: read now).
 */
export function readOptions(host: object, bag: Record<string, unknown>, apiSecret?: string): { options: WidgetOptions; problems: OptionProblem[] } {
  const fromProps: Record<string, unknown> = {};
  for (const name of Object.keys(OPTION_SPECS) as OptionName[]) {
    if (OPTION_SPECS[name].objectOnly) continue;
    const value = name in host ? (host as Record<string, unknown>)[name] : parseAttribute(name, (host as Partial<Element>).getAttribute?.(kebab(name)) ?? null);
    if (value !== undefined) fromProps[name] = value;
  }
  const { options, problems } = normalizeOptions({ ...bag, ...fromProps, ...(apiSecret !== undefined ? { apiSecret } : {}) });
  return { options: { ...DEFAULT_OPTIONS, ...options }, problems };
}

/** Whether a changed property is an option (the options are read again then, not on every store change). */
export const isOption = (name: PropertyKey) => name === 'options' || name === 'apiSecret' || name in OPTION_SPECS;
