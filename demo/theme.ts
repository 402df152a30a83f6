import type { UploadWidget } from '../src/index.js';

// The palette a Cloudinary site already has keeps working as it is.
document.querySelector<UploadWidget>('#palette')!.styles = {
  palette: {
    window: '#FFFDF7',
    windowBorder: '#7A6A53',
    tabIcon: '#5B3A29',
    menuIcons: '#5B3A29',
    textDark: '#2B1B12',
    textLight: '#FFFFFF',
    link: '#8A4B00',
    action: '#7B2CBF',
    inactiveTabIcon: '#6B5B4E',
    error: '#B3261E',
    inProgress: '#7B2CBF',
    complete: '#2E7D32',
    sourceBg: '#F3ECE0',
  },
};
