// What a framework template may set on <upload-widget>: every option as a property (the element
// reads them once upgraded), every option that has an attribute in its kebab-case spelling
// (`cloud-name`), the options object, and the form field's attributes. Both sets of keys are
// derived from WidgetOptions, so a new option is typed here without an edit.
import type { Destination } from '../core/destination.js';
import type { WidgetOptions, WidgetOptionsInput } from '../options.js';

/** 'maxFileSize' → 'max-file-size', as `kebab()` in src/options.ts spells attributes. */
type KebabCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${KebabCase<Tail>}`
  : S;

/** Options that are attributes: not functions nor plugins (set those as properties), nor Cloudinary's `form`. */
type AttributeOption = {
  [K in Exclude<keyof WidgetOptions, 'form'>]-?: NonNullable<WidgetOptions[K]> extends ((...args: never[]) => unknown) | Destination ? never : K;
}[Exclude<keyof WidgetOptions, 'form'>];

/** What an attribute can be given: its text, or a value a framework turns into that text. */
type AttributeValue<T> = NonNullable<T> extends readonly unknown[] | string | number | boolean ? NonNullable<T> | string : string;

/** The multi-word options by attribute name: `cloud-name`, `max-file-size`, … (one-word ones are the properties' keys). */
type UploadWidgetAttributes = {
  [K in AttributeOption as KebabCase<K> extends K ? never : KebabCase<K>]?: AttributeValue<WidgetOptions[K]>;
};

/** The element's properties: every option (camelCase), the options object, the form field's. */
export type UploadWidgetProperties = Partial<Omit<WidgetOptions, 'form'>> & {
  /** Options as one object, Cloudinary-style (camelCase or snake_case keys). */
  options?: WidgetOptionsInput;
  name?: string;
  required?: boolean;
  disabled?: boolean;
};

/** Properties and kebab-case attributes: what React and Svelte templates may write. */
export type UploadWidgetProps = UploadWidgetProperties & UploadWidgetAttributes;

/** 'upload-added' → 'UploadAdded' (Vue writes listeners as onUploadAdded). */
export type PascalEventName<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalEventName<Tail>}` : Capitalize<S>;
