// "Camera": a live preview, a photo (one frame as JPEG) or a short recording (where MediaRecorder
// exists), reviewed before use; "Use photo"/"Use video" sends `files-picked` with the File.
// The camera is on only while the tab is shown and the page visible: every track is stopped the
// moment `active` turns false, the element leaves the page, or the page is hidden.
import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { msg, str } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { t } from '../i18n/text.js';
import { intent } from '../dispatch.js';
import type { WidgetOptions } from '../options.js';
import {
  type CameraProblem,
  cameraSupported,
  captureFrame,
  formatClock,
  listCameras,
  openCamera,
  openMicrophone,
  problemOf,
  recordingFile,
  recordingType,
  stopStream,
} from './camera.js';
import { sourceStyles } from './source-styles.js';

type Mode = 'off' | 'starting' | 'live' | 'recording' | 'photo' | 'video' | 'problem';

/**
 * @fires files-picked - detail: [File], the photo (image/jpeg) or the recording (video/webm).
 * @csspart preview - the live video.
 * @csspart capture - the photo or recording under review.
 */
@element('uw-camera-source')
@localized()
export class CameraSource extends LitElement {
  @property({ attribute: false }) options?: WidgetOptions;
  @property({ type: Boolean, reflect: true }) active = false;
  /** Recordings stop by themselves after this many seconds. */
  @property({ type: Number, attribute: 'max-recording-seconds' }) maxRecordingSeconds = 60;

  @state() private mode: Mode = 'off';
  @state() private problem: CameraProblem = 'failed';
  @state() private cameras: MediaDeviceInfo[] = [];
  @state() private deviceId = '';
  @state() private elapsed = 0;
  @state() private captured: File | null = null;
  @state() private capturedUrl = '';
  @query('video.live') private video!: HTMLVideoElement;

  private stream: MediaStream | null = null;
  private microphone: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private clock?: ReturnType<typeof setInterval>;
  /** Bumped whenever the camera is stopped, so a getUserMedia that answers late is stopped too. */
  private session = 0;
  private readonly canRecord = recordingType() !== null;

  static override styles = [
    sourceStyles,
    css`
      .stage {
        display: flex;
        justify-content: center;
        border-radius: var(--uw-radius, 8px);
        overflow: hidden;
        background: var(--uw-color-text-dark, #000);
      }
      video,
      img {
        display: block;
        max-inline-size: 100%;
        max-block-size: 260px;
      }
      .clock {
        margin: 0;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      .clock::before {
        content: '';
        display: inline-block;
        inline-size: 0.7em;
        block-size: 0.7em;
        margin-inline-end: 0.4em;
        border-radius: 50%;
        background: var(--uw-color-error, #d73a2f);
      }
      .status {
        margin: 0;
        text-align: center;
      }
      .picker {
        display: flex;
        align-items: center;
        gap: var(--uw-space-1, 8px);
        justify-content: center;
      }
      select {
        padding: 0.4em;
        border: 1px solid var(--uw-color-window-border, #8493a5);
        border-radius: var(--uw-radius, 8px);
        background: var(--uw-color-window, #fff);
        color: var(--uw-color-text-dark, #000);
      }
    `,
  ];

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    // Moved within the page while shown: updated() will not run again for `active`.
    if (this.hasUpdated && this.active) this.resume();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopCamera();
  }

  // willUpdate, not updated: the mode set by start/stop then renders in this same update.
  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!changed.has('active')) return;
    if (this.active && this.isConnected) this.resume();
    else this.stopCamera();
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.stopCamera();
    else if (this.active) this.resume();
  };

  /** Starts the preview unless a capture is under review or the camera is already on. */
  private resume() {
    if (this.mode === 'off' || this.mode === 'problem') void this.start();
  }

  private async start(): Promise<void> {
    const session = ++this.session;
    if (!cameraSupported()) {
      this.showProblem('insecure');
      return;
    }
    this.mode = 'starting';
    try {
      const stream = await openCamera(this.deviceId || undefined);
      if (session !== this.session) {
        stopStream(stream);
        return;
      }
      this.stream = stream;
      this.deviceId = stream.getVideoTracks()[0]?.getSettings().deviceId ?? this.deviceId;
      this.mode = 'live';
      await this.updateComplete;
      this.video.srcObject = stream;
      await this.video.play().catch(() => {
        // autoplay covers it; play() rejects only when a newer load interrupts this one.
      });
      // Labels and every device are listed only once the camera is allowed.
      const cameras = await listCameras();
      if (session === this.session) this.cameras = cameras;
    } catch (error) {
      if (session !== this.session) return;
      const problem = problemOf(error);
      // A remembered camera that was unplugged: fall back to any camera.
      if (problem === 'missing' && this.deviceId) {
        this.deviceId = '';
        return this.start();
      }
      this.showProblem(problem);
    }
  }

  private showProblem(problem: CameraProblem) {
    this.problem = problem;
    this.mode = 'problem';
  }

  /** Stops every track (camera and microphone); a recording in progress ends and is kept for review. */
  private stopCamera() {
    this.session++;
    if (this.recorder?.state === 'recording') this.recorder.stop();
    this.releaseStreams();
    if (this.mode === 'starting' || this.mode === 'live') this.mode = 'off';
  }

  private releaseStreams() {
    stopStream(this.stream);
    this.stream = null;
    if (this.video) this.video.srcObject = null;
    // The microphone belongs to a recording; the recorder's stop handler releases it.
    if (this.recorder?.state !== 'recording') {
      stopStream(this.microphone);
      this.microphone = null;
    }
  }

  private async takePhoto() {
    try {
      this.review(await captureFrame(this.video), 'photo');
    } catch {
      // No frame yet (the camera is still warming up): the button just did nothing this time.
    }
  }

  private async startRecording() {
    const type = recordingType();
    const stream = this.stream;
    if (!type || !stream) return;
    const session = this.session;
    const microphone = await openMicrophone();
    if (session !== this.session || !this.stream) {
      stopStream(microphone);
      return;
    }
    this.microphone = microphone;
    const tracks = [...stream.getVideoTracks(), ...(microphone?.getAudioTracks() ?? [])];
    const recorder = new MediaRecorder(new MediaStream(tracks), { mimeType: type });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };
    recorder.onstop = () => {
      clearInterval(this.clock);
      this.recorder = null;
      stopStream(this.microphone);
      this.microphone = null;
      const file = recordingFile(chunks, recorder.mimeType || type);
      if (file.size) this.review(file, 'video');
      else if (this.active) {
        // The recorder wrote nothing: say so, rather than going back to the preview as if nothing happened.
        this.releaseStreams();
        this.showProblem('empty-recording');
      } else this.mode = 'off';
    };
    this.recorder = recorder;
    // Chunks every second keep memory flat and leave something even if the camera is pulled.
    recorder.start(1000);
    this.mode = 'recording';
    this.elapsed = 0;
    const startedAt = performance.now();
    this.clock = setInterval(() => {
      this.elapsed = (performance.now() - startedAt) / 1000;
      if (this.elapsed >= this.maxRecordingSeconds) this.stopRecording();
    }, 250);
    this.focusAfterRender('[part~=stop-recording]');
  }

  private stopRecording() {
    clearInterval(this.clock);
    if (this.recorder?.state === 'recording') this.recorder.stop();
  }

  /** Shows a capture for review; the camera is off meanwhile (its light too). */
  private review(file: File, kind: 'photo' | 'video') {
    this.session++;
    this.releaseStreams();
    this.forgetCapture();
    this.captured = file;
    this.capturedUrl = URL.createObjectURL(file);
    this.mode = kind;
    this.focusAfterRender('[part~=use]');
  }

  private forgetCapture() {
    if (this.capturedUrl) URL.revokeObjectURL(this.capturedUrl);
    this.capturedUrl = '';
    this.captured = null;
  }

  private retake() {
    this.forgetCapture();
    this.mode = 'off';
    if (this.active) void this.start().then(() => this.focusAfterRender('[part~=take-photo]'));
  }

  private use() {
    const file = this.captured;
    this.forgetCapture();
    this.mode = 'off';
    if (file) intent(this, 'files-picked', [file]);
    // Ready for another one, unless the shell hid this tab on the pick.
    if (this.active) void this.start();
  }

  private tryAgain() {
    if (this.problem === 'missing') this.deviceId = '';
    void this.start();
  }

  private chooseCamera(e: Event) {
    this.deviceId = (e.target as HTMLSelectElement).value;
    this.session++;
    this.releaseStreams();
    void this.start();
  }

  /** Keeps keyboard focus on the next control when the one that was pressed disappears. */
  private focusAfterRender(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  override render() {
    const showLive = this.mode === 'starting' || this.mode === 'live' || this.mode === 'recording';
    return html`
      <div class="panel">
        <div class="stage" ?hidden=${!showLive}>
          <video class="live" part="preview" autoplay playsinline .muted=${true} aria-label=${msg('Camera preview')}></video>
        </div>
        ${this.mode === 'starting' ? html`<p class="status" role="status">${msg('Starting the camera…')}</p>` : nothing}
        ${this.mode === 'photo' ? html`<div class="stage"><img part="capture" src=${this.capturedUrl} alt=${msg('The photo you took')} /></div>` : nothing}
        ${
          this.mode === 'video'
            ? html`<div class="stage">
              <video part="capture" src=${this.capturedUrl} controls playsinline aria-label=${msg('The video you recorded')}></video>
            </div>`
            : nothing
        }
        ${
          this.mode === 'recording'
            ? html`<p class="clock" role="timer">
              ${msg(str`Recording ${formatClock(this.elapsed)} of ${formatClock(this.maxRecordingSeconds)}`)}
            </p>`
            : nothing
        }
        ${this.mode === 'problem' ? this.renderProblem() : nothing} ${this.renderActions()} ${this.renderPicker()}
      </div>
    `;
  }

  private renderActions() {
    switch (this.mode) {
      case 'starting':
      case 'live':
        return html`<div class="actions">
          <button part="take-photo" type="button" ?disabled=${this.mode !== 'live'} @click=${this.takePhoto}>
            ${t('camera.take_pic', msg('Take photo'))}
          </button>
          ${
            this.canRecord
              ? html`<button part="start-recording" class="secondary" type="button" ?disabled=${this.mode !== 'live'} @click=${this.startRecording}>
                ${msg('Record video')}
              </button>`
              : nothing
          }
        </div>`;
      case 'recording':
        return html`<div class="actions">
          <button part="stop-recording" type="button" @click=${this.stopRecording}>${msg('Stop recording')}</button>
        </div>`;
      case 'photo':
      case 'video':
        return html`<div class="actions">
          <button part="retake" class="secondary" type="button" @click=${this.retake}>${msg('Retake')}</button>
          <button part="use" type="button" @click=${this.use}>
            ${this.mode === 'photo' ? msg('Use photo') : msg('Use video')}
          </button>
        </div>`;
      default:
        return nothing;
    }
  }

  private renderProblem() {
    const text = {
      insecure: msg('The camera can only be used on secure pages (addresses that start with https://).'),
      denied: msg('Camera access is blocked. To allow it, select the camera or lock icon in the address bar, allow the camera for this site, then try again.'),
      missing: msg('No camera was found. Connect a camera, then try again.'),
      busy: msg('The camera could not be started. It may be in use by another application: close that application, then try again.'),
      failed: msg('The camera could not be started.'),
      'empty-recording': msg('The recording came out empty: this browser could not record the camera. Try again, or take a photo instead.'),
    }[this.problem];
    return html`<p class="error" role="alert">${text}</p>
      ${
        this.problem === 'insecure'
          ? nothing
          : html`<div class="actions">
            <button part="try-again" type="button" @click=${this.tryAgain}>${t('camera.retry', msg('Try again'))}</button>
          </div>`
      }`;
  }

  private renderPicker() {
    if (this.cameras.length < 2 || !(this.mode === 'live' || this.mode === 'starting')) return nothing;
    return html`<div class="picker">
      <label for="camera">${msg('Camera')}</label>
      <select id="camera" part="camera-select" @change=${this.chooseCamera}>
        ${this.cameras.map(
          (camera, i) =>
            html`<option value=${camera.deviceId} ?selected=${camera.deviceId === this.deviceId}>
              ${camera.label || msg(str`Camera ${i + 1}`)}
            </option>`,
        )}
      </select>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-camera-source': CameraSource;
  }
}
