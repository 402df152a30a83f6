// The Google Drive source's checks, without Google: the project number taken from a client ID,
// what a picked file becomes (Google-native documents exported and renamed), the widget's formats
// as the Picker's MIME filter, Drive's JSON errors in the source's terms, a rate limit tried again
// after waiting, and the tab when the site is not set up or the page is insecure. The whole flow,
// with a fake Google, is in test/e2e/google-drive.e2e.test.mjs.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/sources/google-drive-source.js';
import type { GoogleDriveSource } from '../../src/sources/google-drive-source.js';
import { DriveProblem, driveProblemOf, fetchFile, pickerMimeTypes, planOf, projectNumberOf } from '../../src/sources/google-drive-api.js';
import { DEFAULT_OPTIONS, type WidgetOptions } from '../../src/options.js';

const options = (extra: Partial<WidgetOptions> = {}): WidgetOptions => ({ ...DEFAULT_OPTIONS, ...extra });
const textOf = (el: GoogleDriveSource) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const CLIENT = '123456789012-abcdefghijklmnop.apps.googleusercontent.com';
const googleError = (code: number, reason: string) =>
  JSON.stringify({ error: { code, message: reason, errors: [{ domain: 'global', reason, message: reason }] } });

describe('google drive source', () => {
  it("takes the Cloud project number from the client ID's leading number", () => {
    expect(projectNumberOf(CLIENT)).to.equal('123456789012');
    expect(projectNumberOf(' 42-x.apps.googleusercontent.com ')).to.equal('42');
    expect(projectNumberOf('abc.apps.googleusercontent.com')).to.equal('');
  });

  it('exports Google-native documents to a common format, named with its extension; other files keep their name and size', () => {
    const doc = planOf({ id: '1', name: 'Quarterly report', mimeType: 'application/vnd.google-apps.document' });
    expect(doc).to.deep.include({ name: 'Quarterly report.pdf', type: 'application/pdf', export: 'application/pdf', size: 0 });
    const sheet = planOf({ id: '2', name: 'Budget.xlsx', mimeType: 'application/vnd.google-apps.spreadsheet' });
    expect(sheet).to.deep.include({ name: 'Budget.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(planOf({ id: '3', name: 'Deck', mimeType: 'application/vnd.google-apps.presentation' })).to.deep.include({ name: 'Deck.pdf' });
    expect(planOf({ id: '4', name: 'Sketch', mimeType: 'application/vnd.google-apps.drawing' })).to.deep.include({ name: 'Sketch.png', type: 'image/png' });
    const photo = planOf({ id: '5', name: 'cat.jpg', mimeType: 'image/jpeg', sizeBytes: '12345' });
    expect(photo).to.deep.include({ name: 'cat.jpg', type: 'image/jpeg', size: 12345 });
    expect(photo).not.to.have.property('export');
    const form = planOf({ id: '6', name: 'Survey', mimeType: 'application/vnd.google-apps.form' });
    expect(form).to.be.instanceOf(DriveProblem);
    expect((form as DriveProblem).code).to.equal('not-exportable');
  });

  it("puts clientAllowedFormats in the Picker's MIME terms, with the documents whose export is allowed", () => {
    expect(pickerMimeTypes(undefined)).to.equal(undefined);
    expect(pickerMimeTypes(['jpg', '.png'])).to.deep.equal(['image/jpeg', 'image/png', 'application/vnd.google-apps.drawing']);
    expect(pickerMimeTypes(['pdf'])).to.deep.equal(['application/pdf', 'application/vnd.google-apps.document', 'application/vnd.google-apps.presentation']);
    // A kind word or an unknown extension: no filter rather than a narrower one.
    expect(pickerMimeTypes(['jpg', 'image'])).to.equal(undefined);
    expect(pickerMimeTypes(['jpg', 'xyz'])).to.equal(undefined);
  });

  it("reads Drive's JSON errors: expired token, quota, export limit, no access", () => {
    expect(driveProblemOf(401, googleError(401, 'authError'), 'a').code).to.equal('expired');
    expect(driveProblemOf(403, googleError(403, 'userRateLimitExceeded'), 'a').code).to.equal('rate-limit');
    expect(driveProblemOf(403, googleError(403, 'rateLimitExceeded'), 'a').code).to.equal('rate-limit');
    expect(driveProblemOf(429, '', 'a').code).to.equal('rate-limit');
    expect(driveProblemOf(403, googleError(403, 'exportSizeLimitExceeded'), 'a').code).to.equal('export-too-large');
    expect(driveProblemOf(404, googleError(404, 'notFound'), 'a').code).to.equal('forbidden');
    const other = driveProblemOf(500, '<html>oops</html>', 'a.pdf');
    expect([other.code, other.status, other.file]).to.deep.equal(['failed', 500, 'a.pdf']);
  });

  it('a rate-limited download is tried again after waiting, then reported; the token goes as a Bearer header', async () => {
    const real = globalThis.fetch;
    const calls: Array<{ url: string; auth: string | null }> = [];
    let answers = [403, 403, 200];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, auth: new Headers(init.headers).get('Authorization') });
      const status = answers.shift()!;
      return status === 200 ? new Response(new Uint8Array([1, 2, 3])) : new Response(googleError(status, 'userRateLimitExceeded'), { status });
    }) as typeof fetch;
    try {
      const plan = planOf({ id: 'id/1', name: 'a.bin', mimeType: 'application/octet-stream', sizeBytes: 3 }) as Exclude<
        ReturnType<typeof planOf>,
        DriveProblem
      >;
      const seen: number[] = [];
      const file = await fetchFile(plan, {
        apiUrl: 'https://drive.test/drive/v3/',
        token: 'tok',
        signal: new AbortController().signal,
        progress: (loaded) => seen.push(loaded),
        backoff: [0, 0],
      });
      expect([file.name, file.size, file.type]).to.deep.equal(['a.bin', 3, 'application/octet-stream']);
      expect(calls.map((c) => c.url)).to.deep.equal(Array(3).fill('https://drive.test/drive/v3/files/id%2F1?alt=media&supportsAllDrives=true'));
      expect(calls.every((c) => c.auth === 'Bearer tok')).to.equal(true);
      expect(seen.at(-1)).to.equal(3);
      // Still limited after the waits: the problem, not a file.
      answers = [403, 403, 403];
      const failed = await fetchFile(plan, {
        apiUrl: 'https://drive.test/drive/v3',
        token: 'tok',
        signal: new AbortController().signal,
        progress: () => {},
        backoff: [0, 0],
      }).catch((e: unknown) => e);
      expect((failed as DriveProblem).code).to.equal('rate-limit');
    } finally {
      globalThis.fetch = real;
    }
  });

  it('names what is missing (client ID, API key, project number), with no button', async () => {
    const NOT_SET_UP = 'Google Drive is not set up on this site: it needs';
    for (const [extra, needs] of [
      [{}, 'a Google client ID and API key.'],
      [{ googleDriveClientId: CLIENT }, 'a Google API key (googleApiKey).'],
      [{ googleApiKey: 'AIza' }, 'a Google client ID (googleDriveClientId).'],
      // The guide's client ID has no project number in it: what is missing is googleDriveAppId, not the ID or key.
      [{ googleDriveClientId: '1wsds35jrt34dsssw21', googleApiKey: 'AIza' }, 'the Google Cloud project number (googleDriveAppId).'],
    ] as const) {
      const el = await fixture<GoogleDriveSource>(html`<uw-google-drive-source .options=${options(extra)} active></uw-google-drive-source>`);
      expect(textOf(el)).to.contain(`${NOT_SET_UP} ${needs}`);
      expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    }
    const el = await fixture<GoogleDriveSource>(html`<uw-google-drive-source .options=${options()} active></uw-google-drive-source>`);
    await expect(el).to.be.accessible();
  });

  it('with a client ID and key, shows the button (googleDriveAppId stands in for a client ID without the number)', async () => {
    const el = await fixture<GoogleDriveSource>(
      html`<uw-google-drive-source
        .options=${options({ googleDriveClientId: 'nonumber.apps.googleusercontent.com', googleDriveAppId: '42', googleApiKey: 'AIza', googleDriveScriptUrl: 'data:text/javascript,', googleIdentityScriptUrl: 'data:text/javascript,' })}
      ></uw-google-drive-source>`,
    );
    expect(el.shadowRoot!.querySelector('[part=google-drive-button]')?.textContent?.trim()).to.equal('Choose from Google Drive');
    await expect(el).to.be.accessible();
  });

  it('on an insecure page, says Google Drive needs https://, with no button', async () => {
    const own = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    try {
      const el = await fixture<GoogleDriveSource>(
        html`<uw-google-drive-source .options=${options({ googleDriveClientId: CLIENT, googleApiKey: 'AIza' })}></uw-google-drive-source>`,
      );
      expect(textOf(el)).to.contain('Google Drive opens only on secure pages.');
      expect(el.shadowRoot!.querySelector('button')).to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      if (own) Object.defineProperty(window, 'isSecureContext', own);
      else delete (window as { isSecureContext?: boolean }).isSecureContext;
    }
    expect(window.isSecureContext).to.equal(true);
  });
});
