// The Camera source in real Chromium with its fake 640×480 camera (always allowed): preview,
// photo, recording, switching cameras, turning the camera off, and what a person sees when the
// camera is blocked or missing. Only the media API is stubbed, and only for the denial tests.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/sources/camera-source.js';
import type { CameraSource } from '../../src/sources/camera-source.js';
import { captureName, formatClock, problemOf, recordingType } from '../../src/sources/camera.js';
import { imageSize } from '../../src/core/image.js';
import { delay, itExcept, lastSeq, makeController, nextDomEvent, nextEvent, serverRequests, until } from './helpers.js';

const part = <T extends HTMLElement = HTMLButtonElement>(el: CameraSource, name: string) => el.shadowRoot!.querySelector<T>(`[part~=${name}]`);
const liveVideo = (el: CameraSource) => el.shadowRoot!.querySelector<HTMLVideoElement>('video.live')!;
const liveTracks = (el: CameraSource) => (liveVideo(el).srcObject as MediaStream | null)?.getTracks() ?? [];

/** The files of the source's next files-picked intent. */
const picked = (el: HTMLElement) => nextDomEvent<Array<File | string>>(el, 'files-picked');

async function livePreview(el: CameraSource) {
  await until(() => liveVideo(el).videoWidth > 0 && part(el, 'take-photo')?.disabled === false, 'the live preview');
}

async function click(el: CameraSource, name: string) {
  await until(() => !!part(el, name) && !part(el, name)!.disabled, `the ${name} button`);
  part(el, name)!.click();
}

/** Replaces one navigator.mediaDevices method for one test; returns the restore function. */
function stubMedia<K extends 'getUserMedia' | 'enumerateDevices'>(name: K, fake: MediaDevices[K]): () => void {
  const devices = navigator.mediaDevices;
  devices[name] = fake;
  return () => {
    delete (devices as unknown as Record<string, unknown>)[name]; // the prototype's method shows again
  };
}

describe('camera helpers', () => {
  it('names captures by local date and time, without colons', () => {
    expect(captureName(new Date(2024, 4, 1, 9, 3, 7), 'jpg')).to.equal('camera-2024-05-01-09-03-07.jpg');
  });

  it('tells denial, a missing camera and a busy camera apart', () => {
    expect(problemOf(new DOMException('x', 'NotAllowedError'))).to.equal('denied');
    expect(problemOf(new DOMException('x', 'NotFoundError'))).to.equal('missing');
    expect(problemOf(new DOMException('x', 'OverconstrainedError'))).to.equal('missing');
    expect(problemOf(new DOMException('x', 'NotReadableError'))).to.equal('busy');
    expect(problemOf(new Error('other'))).to.equal('failed');
  });

  it('shows elapsed time as minutes and seconds', () => {
    expect(formatClock(0)).to.equal('0:00');
    expect(formatClock(9.9)).to.equal('0:09');
    expect(formatClock(60)).to.equal('1:00');
  });
});

describe('<uw-camera-source>', () => {
  it('starts the live preview when active, and not before', async () => {
    const el = await fixture<CameraSource>(html`<uw-camera-source></uw-camera-source>`);
    await delay(300);
    expect(liveTracks(el)).to.have.length(0);
    el.active = true;
    await livePreview(el);
    expect(liveVideo(el).muted).to.equal(true);
    // The attribute is what iOS reads (Firefox has no playsInline property).
    expect(liveVideo(el).hasAttribute('playsinline')).to.equal(true);
    expect(liveTracks(el).map((t) => t.readyState)).to.deep.equal(['live']);
    el.active = false;
  });

  it('takes a 640×480 JPEG, reviews it, and on "Use photo" picks it; the server stores a 640×480 image', async () => {
    const el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
    await livePreview(el);
    await click(el, 'take-photo');
    await until(() => !!part(el, 'capture'), 'the photo under review');
    expect(part(el, 'retake')!.textContent!.trim()).to.equal('Retake');
    expect(part(el, 'use')!.textContent!.trim()).to.equal('Use photo');
    expect(el.shadowRoot!.activeElement, 'focus moves to "Use photo"').to.equal(part(el, 'use'));
    expect(liveTracks(el), 'the camera is off while reviewing').to.have.length(0);

    const pick = picked(el);
    part(el, 'use')!.click();
    const [file] = (await pick) as File[];
    expect(file).to.be.instanceOf(File);
    expect(file.type).to.equal('image/jpeg');
    expect(file.name).to.match(/^camera-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.jpg$/);
    expect(await imageSize(file)).to.deep.equal({ width: 640, height: 480 });

    const since = await lastSeq();
    const { controller } = makeController();
    const success = nextEvent(controller, 'success');
    await controller.addFiles([file]);
    const info = await success;
    expect(info).to.include({ width: 640, height: 480 });
    const [request] = await serverRequests(since);
    expect(request.fileName).to.equal(file.name);
    expect(request.fileBytes).to.equal(file.size);
    el.active = false;
  });

  it('"Retake" drops the photo and brings the live preview back', async () => {
    const el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
    await livePreview(el);
    await click(el, 'take-photo');
    await until(() => !!part(el, 'retake'), 'the review');
    part(el, 'retake')!.click();
    await livePreview(el);
    expect(part(el, 'capture')).to.equal(null);
    el.active = false;
  });

  it('stops every track the moment it becomes inactive, and when removed from the page', async () => {
    const el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
    await livePreview(el);
    const tracks = liveTracks(el);
    el.active = false;
    await el.updateComplete;
    expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended']);

    el.active = true;
    await livePreview(el);
    const again = liveTracks(el);
    expect(again[0]).to.not.equal(tracks[0]);
    el.remove();
    expect(again.map((t) => t.readyState)).to.deep.equal(['ended']);
  });

  it('stops the camera while the page is hidden and restarts it when visible again', async () => {
    const el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
    await livePreview(el);
    const tracks = liveTracks(el);
    // Headless pages are always visible; the document's visibilityState is overridden for this test.
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended']);
    } finally {
      delete (document as unknown as Record<string, unknown>).visibilityState;
    }
    document.dispatchEvent(new Event('visibilitychange'));
    await livePreview(el);
    expect(liveTracks(el)[0].readyState).to.equal('live');
    el.active = false;
  });

  it('explains a blocked camera and offers "Try again", which starts the camera once allowed', async () => {
    const restore = stubMedia('getUserMedia', () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')));
    let el: CameraSource;
    try {
      el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
      await until(() => !!el.shadowRoot!.querySelector('[role=alert]'), 'the denial message');
    } finally {
      restore();
    }
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('Camera access is blocked');
    expect(alert.textContent).to.contain('allow the camera for this site');
    expect(part(el, 'take-photo')).to.equal(null);
    const again = part(el, 'try-again')!;
    expect(again.textContent!.trim()).to.equal('Try again');
    again.click();
    await livePreview(el);
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    el.active = false;
  });

  it('says so when there is no camera', async () => {
    const restore = stubMedia('getUserMedia', () => Promise.reject(new DOMException('none', 'NotFoundError')));
    try {
      const el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
      await until(() => !!el.shadowRoot!.querySelector('[role=alert]'), 'the message');
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('No camera was found');
      expect(part(el, 'try-again')).to.not.equal(null);
      el.active = false;
    } finally {
      restore();
    }
  });

  it('lists several cameras and restarts the stream on the chosen one', async () => {
    const real = navigator.mediaDevices;
    const [fakeCamera] = (await real.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    const second = { deviceId: 'second-camera', groupId: 'g2', kind: 'videoinput', label: 'Second camera', toJSON: () => ({}) };
    const asked: MediaStreamConstraints[] = [];
    const getUserMedia = real.getUserMedia.bind(real);
    const restoreList = stubMedia('enumerateDevices', async () => [fakeCamera, second as MediaDeviceInfo]);
    // The fake browser has one camera; "second-camera" is served by it, the constraints are recorded.
    const restoreOpen = stubMedia('getUserMedia', (constraints?: MediaStreamConstraints) => {
      asked.push(constraints!);
      const video = constraints?.video as MediaTrackConstraints | undefined;
      const exact = (video?.deviceId as ConstrainDOMStringParameters | undefined)?.exact;
      return getUserMedia(exact === 'second-camera' ? { video: true } : constraints);
    });
    try {
      const el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
      await livePreview(el);
      await until(() => !!part<HTMLSelectElement>(el, 'camera-select'), 'the camera list');
      const select = part<HTMLSelectElement>(el, 'camera-select')!;
      expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([fakeCamera.label || 'Camera 1', 'Second camera']);
      expect(el.shadowRoot!.querySelector(`label[for=${select.id}]`)!.textContent).to.equal('Camera');
      const before = liveTracks(el);
      select.value = 'second-camera';
      select.dispatchEvent(new Event('change'));
      expect(before.map((t) => t.readyState)).to.deep.equal(['ended']);
      await livePreview(el);
      expect(asked.at(-1)!.video).to.deep.equal({ deviceId: { exact: 'second-camera' } });
      expect(liveTracks(el)[0].readyState).to.equal('live');
      el.active = false;
    } finally {
      restoreOpen();
      restoreList();
    }
  });

  const canRecord = recordingType() !== null;

  const emptyRecordings = { webkit: "WebKitGTK's MediaRecorder here writes an empty mp4 and no webm" };
  itExcept(emptyRecordings, 'records about a second of video and picks a non-empty file of the recording type', async () => {
    if (!canRecord) throw new Error('MediaRecorder cannot record here');
    const el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
    await livePreview(el);
    await click(el, 'start-recording');
    await until(() => !!part(el, 'stop-recording'), 'recording to start');
    // Two seconds: a recorder on a busy machine (Firefox in a full run) may not have written its first second yet.
    await until(() => /0:02 of 1:00/.test(el.shadowRoot!.querySelector('[role=timer]')?.textContent ?? ''), 'the clock to reach 0:02');
    part(el, 'stop-recording')!.click();
    await until(() => !!part(el, 'use'), 'the recording under review').catch((e: Error) => {
      // What the camera shows instead, so a failure says why.
      throw new Error(`${e.message}; the camera shows: ${el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim().slice(0, 300)}`);
    });
    expect(part(el, 'use')!.textContent!.trim()).to.equal('Use video');
    expect(part(el, 'capture')!.tagName).to.equal('VIDEO');
    expect(liveTracks(el), 'camera and microphone are off while reviewing').to.have.length(0);
    const pick = picked(el);
    part(el, 'use')!.click();
    const [file] = (await pick) as File[];
    const type = recordingType()!.split(';')[0];
    expect(file.type).to.equal(type);
    expect(file.name).to.match(type === 'video/mp4' ? /^camera-.*\.mp4$/ : /^camera-.*\.webm$/);
    expect(file.size).to.be.greaterThan(1000);
    el.active = false;
  });

  const realRecordings = "its recorder writes real files; the empty case is WebKitGTK's";
  itExcept(
    { chromium: realRecordings, firefox: realRecordings },
    'an empty recording says so, turns the camera off, and Try again brings the preview back',
    async () => {
      const el = await fixture<CameraSource>(html`<uw-camera-source active></uw-camera-source>`);
      await livePreview(el);
      await click(el, 'start-recording');
      await until(() => /0:01 of 1:00/.test(el.shadowRoot!.querySelector('[role=timer]')?.textContent ?? ''), 'the clock to reach 0:01');
      part(el, 'stop-recording')!.click();
      await until(() => /came out empty/.test(el.shadowRoot!.querySelector('[role=alert]')?.textContent ?? ''), 'the message');
      expect(liveTracks(el), 'camera and microphone are off').to.have.length(0);
      await click(el, 'try-again');
      await livePreview(el);
      el.active = false;
    },
  );

  itExcept(emptyRecordings, 'stops recording by itself at the time cap', async () => {
    if (!canRecord) throw new Error('MediaRecorder cannot record here');
    const el = await fixture<CameraSource>(html`<uw-camera-source active max-recording-seconds="1"></uw-camera-source>`);
    await livePreview(el);
    await click(el, 'start-recording');
    await until(() => !!part(el, 'stop-recording'), 'recording to start');
    await until(() => !!part(el, 'use'), 'the recording to stop at 1 s', 5000);
    el.active = false;
  });
});
