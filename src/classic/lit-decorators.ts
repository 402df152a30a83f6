// The decorators the widget uses, standing in for 'lit/decorators.js' in the classic script and
// its parts (scripts/build.mjs): classic/load-part.ts hands the namespace over whole, and lit's own
// would keep every decorator alive. A decorator used anywhere must be added here.
export { property } from 'lit/decorators/property.js';
export { query } from 'lit/decorators/query.js';
export { state } from 'lit/decorators/state.js';
