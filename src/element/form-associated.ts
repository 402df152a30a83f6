// <upload-widget> as a form control (ElementInternals): what every form control has (`form`,
// `name`, `required`, `disabled`, `validity`, `checkValidity()` …), the browser's form callbacks,
// and the field's own message, shown in the widget's frame when the form is submitted while the
// field is invalid. The values are FormField's (form-field.ts); the subclass says how many files
// are still on their way and what a form reset does to its queue.
import { msg } from '@lit/localize';
import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { states } from '../define.js';
import type { FormField } from './form-field.js';

export abstract class FormAssociatedElement extends LitElement {
  /** A form field: each uploaded file adds a value to its form (see FormField). */
  static readonly formAssociated = true;

  static override properties: PropertyDeclarations = {
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    value: { noAccessor: true },
  };

  /** The form field's name: each uploaded file is submitted under it. */
  name?: string;
  /** The form is invalid until a file has uploaded. */
  required = false;
  /**
   * No files can be added (uploads already running go on); a disabled <fieldset> does the same.
   * The attribute is the state, as for native controls: the browser then calls formDisabledCallback
   * (outside lit's update, so the change renders).
   */
  get disabled(): boolean {
    return this.hasAttribute('disabled');
  }
  set disabled(value: boolean) {
    this.toggleAttribute('disabled', value);
  }

  protected readonly internals = this.attachInternals();
  protected abstract readonly field: FormField;
  /** Disabled by its own attribute or by a disabled <fieldset>. */
  protected formDisabled = false;
  /** The form was submitted (or validity reported) while this field was invalid: its message shows until it is valid. */
  protected invalidShown = false;
  /** The `value` given: the files a record already has. */
  protected storedValue: unknown;

  /** Files added but not uploaded yet: `sending` (queued, uploading) and `held` (waiting for the go, or copies to confirm). */
  protected abstract unfinished(): { sending: number; held: number };
  /** The form was submitted while invalid: the widget shows itself and its message. */
  protected abstract showInvalid(): void;
  /** form.reset(): the finished files' rows go, and the record's own files come back. */
  protected abstract formReset(): void;

  constructor() {
    super();
    // The browser's own bubble is turned off (the event is handled): it needs a focusable control to
    // point at, and without one it shows nothing and only logs "An invalid form control … is not
    // focusable." in the console. The widget says why in its own frame, and the person lands there.
    this.addEventListener('invalid', (e) => {
      e.preventDefault();
      this.invalidShown = true;
      this.showInvalid();
    });
  }

  /** The form this field belongs to, as for any form control. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** What the form submits: one preloaded-file string per uploaded file. */
  get values(): string[] {
    return this.field.list;
  }

  /**
   * The files a record already has, as the preloaded-file strings the form submits
   * (`image/upload/v<version>/<public_id>.<format>#<signature>`): one, several separated by spaces
   * or commas, or an array (a JSON array in the attribute). They show as done rows with their
   * thumbnails, are submitted as given and can be removed; `form.reset()` brings them back; nothing
   * is uploaded again. Reading it gives what the form submits now (as `values`).
   */
  get value(): string[] {
    return this.field.list;
  }
  set value(value: string | readonly string[] | null | undefined) {
    const old = this.storedValue;
    this.storedValue = value;
    this.requestUpdate('value', old);
  }

  /** As for any form control: `valueMissing` while a required field has no file, `customError` while files upload. */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** Why the field is invalid, in the widget's language. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  /** As for any form control: false (and an `invalid` event) while the field is invalid. */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  /** As checkValidity(), and the browser shows the message. */
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** form.reset(): the values go, and so do the finished files' rows, so the queue matches the empty field. */
  formResetCallback(): void {
    this.field.reset();
    this.formReset();
  }

  formStateRestoreCallback(state: unknown): void {
    this.field.restore(state);
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Parsed inside an already disabled <fieldset> with `required`, Chromium's formDisabledCallback
    // comes before the element is ready for it and is lost: read the state itself on connecting.
    this.formDisabled = this.matches(':disabled');
    // The values reach the form once per frame (form-field.ts): entries built before that frame get
    // them. Heard where the form is (its form is in the same tree): a form in a shadow root too.
    this.formRoot = this.getRootNode();
    this.formRoot.addEventListener('formdata', this.onFormData, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.formRoot?.removeEventListener('formdata', this.onFormData, true);
  }

  private formRoot?: Node;

  private readonly onFormData = (e: Event) => {
    if (e.target === this.form && !this.matches(':disabled')) this.field.fillIn((e as FormDataEvent).formData);
  };

  protected validate(): void {
    const { sending, held } = this.unfinished();
    this.field.validate({
      required: this.required,
      running: sending + held,
      messages: {
        missing: msg('Please upload a file.'),
        // Files waiting for the go (autoUpload off) hold the form too: their values are not there yet.
        running: sending || !held ? msg('Please wait until the files have uploaded.') : msg('Please upload the files you added, or remove them.'),
      },
      // Not queried on every render (each progress tick renders): only when the validity changes.
      anchor: () => this.renderRoot?.querySelector<HTMLElement>('[part=base]') ?? undefined,
    });
    if (this.invalidShown && this.internals.validity.valid) this.invalidShown = false;
  }

  protected override updated(changed: PropertyValues): void {
    // Several values are submitted under the field's name: a new name takes them along.
    if (changed.has('name')) this.field.publish();
    // After every store change, option or language change: cheap, FormField skips unchanged validity.
    this.validate();
  }

  /** Why the field is invalid, once the form was submitted with it so. */
  protected renderFieldError() {
    return this.invalidShown && this.validationMessage ? html`<p part="field-error" class="field-error" role="alert">${this.validationMessage}</p>` : nothing;
  }
}
states(FormAssociatedElement, 'formDisabled', 'invalidShown');
