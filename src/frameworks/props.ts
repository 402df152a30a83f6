// What a framework template may set on <upload-widget>: every option as a property (the element
// reads them once upgraded), the options object, and the form field's attributes.
import type { WidgetOptions, WidgetOptionsInput } from '../options.js';

export type UploadWidgetProps = Partial<Omit<WidgetOptions, 'form'>> & {
  /** Options as one object, Cloudinary-style (camelCase or snake_case keys). */
  options?: WidgetOptionsInput;
  name?: string;
  required?: boolean;
  disabled?: boolean;
};

/** 'upload-added' → 'UploadAdded' (Vue writes listeners as onUploadAdded). */
export type PascalEventName<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalEventName<Tail>}` : Capitalize<S>;
