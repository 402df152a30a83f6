// The camera's logic without its view: opening a stream, stopping it, naming what it captures,
// grabbing a frame, picking a recording format, and telling why the camera is unavailable. The
// screen and audio sources use it too.

/** Why there is no preview, in the terms the view explains to a person. */
/** Why the camera cannot be used; `empty-recording`: the browser's recorder wrote nothing (WebKitGTK). */
export type CameraProblem = 'insecure' | 'denied' | 'missing' | 'busy' | 'failed' | 'empty-recording';

/** getUserMedia exists only on secure pages (https or localhost). */
export function cameraSupported(): boolean {
  return globalThis.isSecureContext === true && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

export function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/**
 * Video constraints: a chosen camera exactly, else preferably the one facing the person. No size
 * is asked for: the camera's own default works everywhere, where a demanded size can fail.
 */
function videoConstraints(deviceId?: string): MediaTrackConstraints {
  return deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'user' };
}

export function openCamera(deviceId?: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: videoConstraints(deviceId), audio: false });
}

/** A microphone stream for recording, or null when there is none or it is not allowed (video-only then). */
export async function openMicrophone(): Promise<MediaStream | null> {
  try {
    // Asking when there is no microphone would only fail; skipping the ask spares a prompt.
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (!devices.some((d) => d.kind === 'audioinput')) return null;
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  } catch {
    return null;
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Video inputs; labels are empty until the person has allowed the camera once. */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput' && d.deviceId);
}

const two = (n: number) => String(n).padStart(2, '0');

/** `camera-2024-05-01-14-03-09.jpg` (or `screen-…`, `audio-…`): local time, no colons (not allowed in Windows file names). */
export function captureName(when: Date, extension: string, prefix = 'camera'): string {
  const date = `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())}`;
  const time = `${two(when.getHours())}-${two(when.getMinutes())}-${two(when.getSeconds())}`;
  return `${prefix}-${date}-${time}.${extension}`;
}

/** The current frame of a playing video as a JPEG file, at the video's own size (named `<prefix>-<date>-<time>.jpg`). */
export async function captureFrame(video: HTMLVideoElement, when = new Date(), prefix = 'camera'): Promise<File> {
  const { videoWidth: width, videoHeight: height } = video;
  if (!width || !height) throw new Error('the camera has not delivered a frame yet');
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(video, 0, 0, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  return new File([blob], captureName(when, 'jpg', prefix), { type: 'image/jpeg', lastModified: when.getTime() });
}

const RECORDING_TYPES = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/ogg', 'audio/mp4'];

/** The first recording format this browser can write (`audio`: sound only), or null when it cannot record at all. */
export function recordingType(audio = false): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return (audio ? AUDIO_TYPES : RECORDING_TYPES).find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

const EXTENSIONS: Record<string, string> = { 'video/mp4': 'mp4', 'audio/mp4': 'm4a', 'audio/ogg': 'ogg', 'audio/webm': 'webm' };

/** A recording's chunks as a file named like a photo (`prefix`: camera, screen, audio); the codec part of the type is dropped. */
export function recordingFile(chunks: Blob[], mimeType: string, when = new Date(), prefix = 'camera'): File {
  const type = mimeType.split(';')[0];
  return new File(chunks, captureName(when, EXTENSIONS[type] ?? 'webm', prefix), { type, lastModified: when.getTime() });
}

/** `m:ss`, for the elapsed-time display. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${two(s % 60)}`;
}
