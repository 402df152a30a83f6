// The Screen and Audio sources in real browsers with their fake devices (Chromium's fake
// microphone and screen, Firefox's fake streams, WebKitGTK's mock devices): the level meter, an
// audio recording reviewed and used (stored sound-only by the local server), a screenshot and a
// clip of a shared screen, and sharing and listening that stop when they should.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/sources/audio-source.js';
import '../../src/sources/screen-source.js';
import type { AudioSource } from '../../src/sources/audio-source.js';
import type { ScreenSource } from '../../src/sources/screen-source.js';
import { recordingType } from '../../src/sources/camera.js';
import { imageSize } from '../../src/core/image.js';
import { engine, itExcept, lastSeq, makeController, nextDomEvent, nextEvent, serverRequests, until } from './helpers.js';

type Source = AudioSource | ScreenSource;
const part = <T extends HTMLElement = HTMLButtonElement>(el: Source, name: string) => el.shadowRoot!.querySelector<T>(`[part~=${name}]`);
const picked = (el: HTMLElement) => nextDomEvent<File[]>(el, 'files-picked');
const said = (el: Source) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim().slice(0, 300);

async function click(el: Source, name: string) {
  await until(() => !!part(el, name) && !part(el, name)!.disabled, `the ${name} button (the source shows: ${said(el)})`);
  part(el, name)!.click();
}

/** Records until the clock shows `seconds`, then stops; resolves once the recording is under review. */
async function record(el: Source, seconds: number) {
  await click(el, 'start-recording');
  const clock = new RegExp(`0:0${seconds} of`);
  await until(() => clock.test(el.shadowRoot!.querySelector('[role=timer]')?.textContent ?? ''), `the clock to reach 0:0${seconds}`);
  part(el, 'stop-recording')!.click();
  await until(() => !!part(el, 'use'), 'the recording under review').catch((e: Error) => {
    throw new Error(`${e.message}; the source shows: ${said(el)}`);
  });
}

/** The file, stored by the local server: its request carried every byte. */
async function stored(file: File) {
  const since = await lastSeq();
  const { controller } = makeController();
  const success = nextEvent(controller, 'success');
  await controller.addFiles([file]);
  const info = await success;
  const [request] = (await serverRequests(since)).filter((r) => r.status === 200);
  expect(request.fileBytes).to.equal(file.size);
  return info;
}

describe('<uw-audio-source>', () => {
  it('listens when shown (a level meter that moves), records sound only, reviews it, and Use recording picks it; the server stores it', async () => {
    const el = await fixture<AudioSource>(html`<uw-audio-source active></uw-audio-source>`);
    await until(() => !!part(el, 'level'), `the level meter (the source shows: ${said(el)})`);
    // The fake microphone plays a tone: the meter shows it hears. (Headless Firefox here has no
    // sound output, so its Web Audio never starts: the meter is there but stays still.)
    if (engine !== 'firefox') await until(() => (part<HTMLMeterElement>(el, 'level')?.value ?? 0) > 0.01, 'the meter to move');
    expect(part(el, 'level')!.getAttribute('aria-label')).to.equal('Microphone level');
    await record(el, 2);
    expect(part(el, 'capture')!.tagName).to.equal('AUDIO');
    expect(part(el, 'use')!.textContent!.trim()).to.equal('Use recording');
    expect(el.shadowRoot!.activeElement, 'focus on Use recording').to.equal(part(el, 'use'));
    const pick = picked(el);
    part(el, 'use')!.click();
    const [file] = await pick;
    const type = recordingType(true)!.split(';')[0];
    expect(file.type).to.equal(type);
    expect(file.type).to.match(/^audio\//);
    expect(file.name).to.match(/^audio-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.(webm|ogg|m4a)$/);
    expect(file.size).to.be.greaterThan(1000);
    const info = await stored(file);
    // Cloudinary files sound under "video".
    expect(info.resource_type).to.equal('video');
    el.active = false;
  });

  it('turns the microphone off when hidden, and on again when shown', async () => {
    const el = await fixture<AudioSource>(html`<uw-audio-source active></uw-audio-source>`);
    await until(() => !!part(el, 'start-recording') && !part(el, 'start-recording')!.disabled, `listening (the source shows: ${said(el)})`);
    const stream = (el as unknown as { stream: MediaStream }).stream;
    el.active = false;
    await until(() => stream.getTracks().every((t) => t.readyState === 'ended'), 'the microphone off');
    expect(part(el, 'level')).to.equal(null);
    el.active = true;
    await until(() => !!part(el, 'level'), 'listening again');
    el.active = false;
  });
});

const noScreen = {
  firefox: 'Firefox asks which screen to share in a prompt no test can answer (its fake streams do not cover getDisplayMedia)',
  webkit: 'WebKitGTK headless offers no screen to share (getDisplayMedia never answers)',
};

describe('<uw-screen-source>', () => {
  it('asks nothing until the person presses Share screen', async () => {
    const el = await fixture<ScreenSource>(html`<uw-screen-source active></uw-screen-source>`);
    await until(() => !!part(el, 'share'), 'the Share screen button');
    expect(part(el, 'share')!.textContent!.trim()).to.equal('Share screen');
    expect(part<HTMLVideoElement>(el, 'preview')!.srcObject).to.equal(null);
  });

  itExcept(noScreen, 'shares, takes a screenshot (a JPEG of the screen’s size) and Use screenshot picks it; the server stores it', async () => {
    const el = await fixture<ScreenSource>(html`<uw-screen-source active></uw-screen-source>`);
    await click(el, 'share');
    const video = part<HTMLVideoElement>(el, 'preview')!;
    await until(() => video.videoWidth > 0, `the shared screen (the source shows: ${said(el)})`);
    await click(el, 'take-still');
    await until(() => !!part(el, 'use'), 'the screenshot under review');
    expect(part(el, 'use')!.textContent!.trim()).to.equal('Use screenshot');
    expect(video.srcObject, 'sharing stops while reviewing').to.equal(null);
    const pick = picked(el);
    part(el, 'use')!.click();
    const [file] = await pick;
    expect(file.type).to.equal('image/jpeg');
    expect(file.name).to.match(/^screen-.*\.jpg$/);
    const size = (await imageSize(file))!;
    expect(size.width).to.be.greaterThan(100);
    const info = await stored(file);
    expect(info).to.include({ width: size.width, height: size.height });
  });

  itExcept(noScreen, 'records a clip of the shared screen; Use clip picks a video', async () => {
    const el = await fixture<ScreenSource>(html`<uw-screen-source active></uw-screen-source>`);
    await click(el, 'share');
    await record(el, 2);
    expect(part(el, 'capture')!.tagName).to.equal('VIDEO');
    const pick = picked(el);
    part(el, 'use')!.click();
    const [file] = await pick;
    expect(file.type).to.match(/^video\//);
    expect(file.name).to.match(/^screen-.*\.(webm|mp4)$/);
    expect(file.size).to.be.greaterThan(1000);
  });

  itExcept(noScreen, 'Stop sharing ends every track and goes back to Share screen; hiding the tab does too', async () => {
    const el = await fixture<ScreenSource>(html`<uw-screen-source active></uw-screen-source>`);
    await click(el, 'share');
    await until(() => !!part(el, 'stop-sharing'), 'sharing');
    let tracks = (part<HTMLVideoElement>(el, 'preview')!.srcObject as MediaStream).getTracks();
    part(el, 'stop-sharing')!.click();
    await until(() => !!part(el, 'share'), 'Share screen again');
    expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    await click(el, 'share');
    await until(() => !!part(el, 'stop-sharing'), 'sharing again');
    tracks = (part<HTMLVideoElement>(el, 'preview')!.srcObject as MediaStream).getTracks();
    el.active = false;
    await until(() => tracks.every((t) => t.readyState === 'ended'), 'every track ended when hidden');
  });

  it('says so when sharing is refused (or cancelled), and Share screen is offered again', async () => {
    const devices = navigator.mediaDevices;
    devices.getDisplayMedia = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
    try {
      const el = await fixture<ScreenSource>(html`<uw-screen-source active></uw-screen-source>`);
      await click(el, 'share');
      await until(() => /cancelled or is blocked/.test(el.shadowRoot!.querySelector('[role=alert]')?.textContent ?? ''), 'the message');
      expect(part(el, 'share')).to.not.equal(null);
    } finally {
      delete (devices as unknown as Record<string, unknown>).getDisplayMedia;
    }
  });
});

if (engine === 'chromium') {
  // Guard: the fakes this file relies on are present in Chromium.
  it('Chromium has its fake screen and microphone', () => {
    expect(typeof navigator.mediaDevices.getDisplayMedia).to.equal('function');
  });
}
