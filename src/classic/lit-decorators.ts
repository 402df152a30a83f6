// The decorators the widget uses, standing in for 'lit/decorators.js' in the classic script's parts
// (scripts/build.mjs): lit's own would bring every decorator. The classic script itself uses none
// (its elements declare `static properties`), so each part that uses them carries these few lines.
// A decorator used anywhere must be added here.
export { property } from 'lit/decorators/property.js';
export { query } from 'lit/decorators/query.js';
export { state } from 'lit/decorators/state.js';
