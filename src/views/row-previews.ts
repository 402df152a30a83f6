// What a queue row shows of its file beyond its name, loaded as one lazy part with the first row:
// image previews (decoded off the main thread) and the type glyphs of other files' icons.
export { ThumbnailLoader } from '../core/thumbnail.js';
export { GLYPHS, familyOf } from './file-glyphs.js';
