import type { UploadWidget } from '../src/index.js';

const TAGS = ['animals', 'architecture', 'beach', 'city', 'food', 'forest', 'mountain', 'night', 'people', 'sky', 'street', 'water'];

const advanced = document.querySelector<UploadWidget>('#advanced')!;
// Cloudinary's hooks: suggestions for what the person types, and the presets to choose from.
advanced.getTags = (callback, prefix) => callback(TAGS.filter((t) => t.startsWith(prefix.toLowerCase())));
advanced.getUploadPresets = (callback) => callback(['demo_unsigned']);
