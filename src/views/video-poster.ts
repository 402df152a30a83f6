// A video's poster frame and length, for its queue row: the browser's own <video> decodes it (no
// library), seeks a little way in and the frame is drawn on a canvas, its long side `size` long.
// Part of the row previews (row-previews.ts). A video the browser cannot play (a codec it lacks, a
// page whose media-src forbids blob: addresses, a damaged file) gives undefined: the row keeps its
// type icon, and the file uploads as it is.
import type { Preview } from './thumbnail.js';

/** Longer than this to find a frame, and the row keeps its icon. */
const GIVE_UP_MS = 15_000;
/** Longer than this to seek to the poster frame, and the frame the video has is drawn. */
const SEEK_MS = 5_000;

/** Resolves on `name`, rejects on the video's error or after the time left. */
function when(video: HTMLVideoElement, name: string, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      video.removeEventListener(name, onEvent);
      video.removeEventListener('error', onError);
      if (ok) resolve();
      else reject(new Error(`video: no ${name}`));
    };
    const onEvent = () => done(true);
    const onError = () => done(false);
    const timer = setTimeout(onError, Math.max(0, deadline - Date.now()));
    video.addEventListener(name, onEvent);
    video.addEventListener('error', onError);
  });
}

/** Moves the video to `time` and waits until that frame can be drawn. */
async function seek(video: HTMLVideoElement, time: number, deadline: number): Promise<void> {
  const seeked = when(video, 'seeked', deadline);
  video.currentTime = time;
  await seeked;
}

export async function videoPoster(file: Blob, size: number): Promise<Preview | undefined> {
  const deadline = Date.now() + GIVE_UP_MS;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const url = URL.createObjectURL(file);
  try {
    const metadata = when(video, 'loadedmetadata', deadline);
    video.src = url;
    await metadata;
    // Sound alone (an audio file named as a video): no picture to show.
    if (!video.videoWidth || !video.videoHeight) return undefined;
    let duration = video.duration;
    if (!Number.isFinite(duration)) {
      // A recording straight from MediaRecorder has no length in its header: going far past its end
      // makes the browser find it.
      await seek(video, 1e9, Math.min(deadline, Date.now() + SEEK_MS)).catch(() => {});
      duration = video.duration;
    }
    // A little way in, where a fade from black is over; the first frame of a very short clip.
    const at = Number.isFinite(duration) && duration > 0 ? Math.min(1, duration / 4) : 0;
    try {
      await seek(video, at, Math.min(deadline, Date.now() + SEEK_MS));
    } catch (e) {
      // A seek that never ends: the frame it has, if it has one.
      if (video.error || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) throw e;
    }
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) await when(video, 'loadeddata', deadline);
    const scale = size / Math.max(video.videoWidth, video.videoHeight);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(video.videoWidth * scale));
    canvas.height = Math.max(1, Math.round(video.videoHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const bitmap = await createImageBitmap(canvas);
    // Under a second is not worth showing as 0:00 (and WebKitGTK reports only what it has read of a
    // recording with no length in its header, half a second of it, say).
    return Number.isFinite(duration) && duration >= 1 ? { bitmap, duration } : { bitmap };
  } catch {
    return undefined;
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}
