// The controller's work on a file's bytes before it goes: image dimensions (for the dimension
// rules), downscaling and re-encoding, a photo's location taken out, and encryption. Only some files and options
// need it, so it loads on first use (a part of its own for the classic script, a chunk in the ES
// build), through the controller's loadImageWork service.
export { encryptFile } from './encrypt.js';
export { removeLocation } from './location.js';
export { fitImage, imageSize, redraw } from './image.js';
