// The controller's work on a file's bytes before it goes: image dimensions (for the dimension
// rules), downscaling and encryption. Only those options need it, so it loads on first use (a
// part of its own for the classic script, a chunk in the ES build), through the controller's
// loadImageWork service.
export { encryptFile } from './encrypt.js';
export { downscale, imageSize } from './image.js';
