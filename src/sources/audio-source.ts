// "Audio": the microphone, a level meter that shows it hears, and a recording (sound only, with its
// duration), played back for review before use; "Use recording" sends `files-picked` with the File.
// The microphone is on only while the tab is shown and the page visible, as the camera is.
import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { element } from '../define.js';
import { msg, str } from '@lit/localize';
import { localized } from '../i18n/language.js';
import { intent } from '../dispatch.js';
import type { WidgetOptions } from '../options.js';
import { type CameraProblem, formatClock, problemOf, recordingFile, recordingType, stopStream } from './camera.js';
import { sourceStyles } from './source-styles.js';

type Mode = 'off' | 'starting' | 'live' | 'recording' | 'review' | 'problem';

/** getUserMedia exists only on secure pages (https or localhost). */
const microphoneSupported = () => globalThis.isSecureContext === true && typeof navigator.mediaDevices?.getUserMedia === 'function';

/**
 * @fires files-picked - detail: [File], the recording (audio/webm, audio/ogg or audio/mp4).
 * @csspart level - the input level meter.
 * @csspart capture - the recording under review.
 */
@element('uw-audio-source')
@localized()
export class AudioSource extends LitElement {
  @property({ attribute: false }) options?: WidgetOptions;
  @property({ type: Boolean, reflect: true }) active = false;
  /** Recordings stop by themselves after this many seconds. */
  @property({ type: Number, attribute: 'max-recording-seconds' }) maxRecordingSeconds = 300;

  @state() private mode: Mode = 'off';
  @state() private problem: CameraProblem = 'failed';
  @state() private level = 0;
  @state() private elapsed = 0;
  @state() private captured: File | null = null;
  @state() private capturedUrl = '';
  @query('audio') private player?: HTMLAudioElement;

  private stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private audio?: AudioContext;
  private meter = 0;
  private clock?: ReturnType<typeof setInterval>;
  /** Bumped whenever the microphone is stopped, so a getUserMedia that answers late is stopped too. */
  private session = 0;

  static override styles = [
    sourceStyles,
    css`
      .stage {
        display: grid;
        gap: var(--uw-space-1, 8px);
        justify-items: center;
        padding: var(--uw-space-2, 12px);
        border-radius: var(--uw-radius, 8px);
        background: var(--uw-color-window, #fff);
      }
      meter {
        inline-size: min(100%, 320px);
        block-size: 16px;
      }
      .clock,
      .status {
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
      audio {
        inline-size: min(100%, 360px);
      }
    `,
  ];

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    if (this.hasUpdated && this.active) this.resume();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopMicrophone();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (!changed.has('active')) return;
    if (this.active && this.isConnected) this.resume();
    else this.stopMicrophone();
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.stopMicrophone();
    else if (this.active) this.resume();
  };

  /** Starts listening unless a recording is under review or the microphone is already on. */
  private resume() {
    if (this.mode === 'off' || this.mode === 'problem') void this.start();
  }

  private async start(): Promise<void> {
    const session = ++this.session;
    if (!microphoneSupported()) return this.showProblem('insecure');
    if (!recordingType(true)) return this.showProblem('empty-recording');
    this.mode = 'starting';
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      if (session !== this.session) return stopStream(stream);
      this.stream = stream;
      this.mode = 'live';
      this.listen(stream);
    } catch (error) {
      if (session === this.session) this.showProblem(problemOf(error));
    }
  }

  /** The level meter: the loudness of what the microphone hears, once a frame. */
  private listen(stream: MediaStream) {
    try {
      const audio = (this.audio ??= new AudioContext());
      void audio.resume();
      const analyser = audio.createAnalyser();
      analyser.fftSize = 1024;
      audio.createMediaStreamSource(stream).connect(analyser);
      // Into the speakers at zero volume: some engines (Firefox) run a graph only when it ends there.
      const silent = audio.createGain();
      silent.gain.value = 0;
      analyser.connect(silent).connect(audio.destination);
      const samples = new Float32Array(analyser.fftSize);
      const tick = () => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += s * s;
        // RMS, scaled so speech fills most of the bar.
        this.level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
        this.meter = requestAnimationFrame(tick);
      };
      this.meter = requestAnimationFrame(tick);
    } catch {
      // No Web Audio here: recording still works, without the meter.
    }
  }

  private showProblem(problem: CameraProblem) {
    this.problem = problem;
    this.mode = 'problem';
  }

  /** Stops the microphone; a recording in progress ends and is kept for review. */
  private stopMicrophone() {
    this.session++;
    if (this.recorder?.state === 'recording') this.recorder.stop();
    else this.release();
    if (this.mode === 'starting' || this.mode === 'live') this.mode = 'off';
  }

  private release() {
    cancelAnimationFrame(this.meter);
    this.level = 0;
    stopStream(this.stream);
    this.stream = null;
  }

  private startRecording() {
    const type = recordingType(true);
    const stream = this.stream;
    if (!type || !stream) return;
    // A press lets the page's sound run where a browser held it back (the meter, until now).
    void this.audio?.resume();
    const recorder = new MediaRecorder(stream, { mimeType: type });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };
    recorder.onstop = () => {
      clearInterval(this.clock);
      this.recorder = null;
      this.release();
      const file = recordingFile(chunks, recorder.mimeType || type, new Date(), 'audio');
      if (file.size) this.review(file);
      else this.showProblem('empty-recording');
    };
    this.recorder = recorder;
    // Chunks every second keep memory flat and leave something even if the microphone is pulled.
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

  private review(file: File) {
    this.session++;
    this.forgetCapture();
    this.captured = file;
    this.capturedUrl = URL.createObjectURL(file);
    this.mode = 'review';
    this.focusAfterRender('[part~=use]');
  }

  private forgetCapture() {
    if (this.capturedUrl) URL.revokeObjectURL(this.capturedUrl);
    this.capturedUrl = '';
    this.captured = null;
  }

  private again() {
    this.player?.pause();
    this.forgetCapture();
    this.mode = 'off';
    if (this.active) void this.start().then(() => this.focusAfterRender('[part~=start-recording]'));
  }

  private use() {
    const file = this.captured;
    this.player?.pause();
    this.forgetCapture();
    this.mode = 'off';
    if (file) intent(this, 'files-picked', [file]);
    if (this.active) void this.start();
  }

  /** Keeps keyboard focus on the next control when the one that was pressed disappears. */
  private focusAfterRender(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  override render() {
    const listening = this.mode === 'live' || this.mode === 'recording';
    return html`<div class="panel">
      ${this.mode === 'starting' ? html`<p class="status" role="status">${msg('Starting the microphone…')}</p>` : nothing}
      ${
        listening
          ? html`<div class="stage">
            <meter part="level" min="0" max="1" low="0.05" high="0.9" optimum="0.5" .value=${this.level} aria-label=${msg('Microphone level')}></meter>
            ${
              this.mode === 'recording'
                ? html`<p class="clock" role="timer">${msg(str`Recording ${formatClock(this.elapsed)} of ${formatClock(this.maxRecordingSeconds)}`)}</p>`
                : html`<p class="status">${msg('Speak to check the microphone, then record.')}</p>`
            }
          </div>`
          : nothing
      }
      ${
        this.mode === 'review'
          ? html`<div class="stage">
            <audio part="capture" src=${this.capturedUrl} controls aria-label=${msg('The recording you made')}></audio>
          </div>`
          : nothing
      }
      ${this.mode === 'problem' ? this.renderProblem() : nothing} ${this.renderActions()}
    </div>`;
  }

  private renderActions() {
    switch (this.mode) {
      case 'starting':
      case 'live':
        return html`<div class="actions">
          <button part="start-recording" type="button" ?disabled=${this.mode !== 'live'} @click=${this.startRecording}>${msg('Record audio')}</button>
        </div>`;
      case 'recording':
        return html`<div class="actions">
          <button part="stop-recording" type="button" @click=${this.stopRecording}>${msg('Stop recording')}</button>
        </div>`;
      case 'review':
        return html`<div class="actions">
          <button part="retake" class="secondary" type="button" @click=${this.again}>${msg('Record again')}</button>
          <button part="use" type="button" @click=${this.use}>${msg('Use recording')}</button>
        </div>`;
      default:
        return nothing;
    }
  }

  private renderProblem() {
    const text = {
      insecure: msg('The microphone can only be used on secure pages (addresses that start with https://).'),
      denied: msg(
        'Microphone access is blocked. To allow it, select the microphone or lock icon in the address bar, allow the microphone for this site, then try again.',
      ),
      missing: msg('No microphone was found. Connect a microphone, then try again.'),
      busy: msg('The microphone could not be started. It may be in use by another application: close that application, then try again.'),
      failed: msg('The microphone could not be started.'),
      'empty-recording': msg('This browser cannot record sound.'),
    }[this.problem];
    return html`<p class="error" role="alert">${text}</p>
      ${
        this.problem === 'insecure' || this.problem === 'empty-recording'
          ? nothing
          : html`<div class="actions"><button part="try-again" type="button" @click=${() => void this.start()}>${msg('Try again')}</button></div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'uw-audio-source': AudioSource;
  }
}
