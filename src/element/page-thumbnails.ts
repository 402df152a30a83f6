// Cloudinary's `thumbnails` option: a list of uploaded thumbnails rendered into a container of
// the page (outside the widget's shadow root, so the page styles it). Built with DOM calls only.
import { safeUrl, thumbnailUrl } from '../core/protocol.js';
import type { UploadInfo } from '../core/types.js';

const LIST_CLASS = 'uw-thumbnails';

function resolve(target: string | HTMLElement): HTMLElement | null {
  return typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
}

/** Adds the uploaded file's thumbnail (an image, or its name for other files) to the container. */
export function addPageThumbnail(target: string | HTMLElement, info: UploadInfo, transformation?: string): void {
  const container = resolve(target);
  if (!container) return;
  let list = container.querySelector<HTMLUListElement>(`ul.${LIST_CLASS}`);
  if (!list) {
    list = document.createElement('ul');
    list.className = LIST_CLASS;
    container.append(list);
  }
  const item = document.createElement('li');
  item.className = 'uw-thumbnail';
  // Only an http(s) address from the server becomes a link or an image (never `javascript:`).
  const url = safeUrl(info.secure_url);
  const link = document.createElement('a');
  if (url) link.href = url;
  link.target = '_blank';
  link.rel = 'noopener';
  const name = String(info.original_filename ?? info.public_id ?? '');
  const thumbnail = url && safeUrl(thumbnailUrl(url, 'upload', transformation));
  if (info.resource_type === 'image' && thumbnail) {
    const img = document.createElement('img');
    img.src = thumbnail;
    img.alt = name;
    link.append(img);
  } else {
    link.textContent = name;
  }
  item.append(link);
  list.append(item);
}

export function removePageThumbnails(target: string | HTMLElement | undefined): void {
  if (!target) return;
  resolve(target)?.querySelector(`ul.${LIST_CLASS}`)?.remove();
}
