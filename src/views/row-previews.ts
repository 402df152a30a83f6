// What a queue row shows of its file beyond its name, loaded as one lazy part with the first row:
// previews of pictures (decoded off the main thread) and videos (a poster frame and the length), and
// the type glyphs of other files' icons.
export { ThumbnailLoader } from './thumbnail.js';
export { decodePreview } from './preview-decoder.js';
export { GLYPHS, familyOf } from './file-glyphs.js';
