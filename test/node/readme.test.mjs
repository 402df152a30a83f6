// The README is the package page: what a user needs comes first, and every link works there
// (npm shows the README without the repository's other files, so links are absolute or anchors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const pkg = JSON.parse(read('package.json'));
const headings = readme.split('\n').filter((line) => /^#{1,6} /.test(line));
/** GitHub's and npm's anchor for a heading. */
const slug = (heading) =>
  heading
    .replace(/^#+ /, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

test('the README opens with what a user needs: install by npm and CDN, then a minimal embed', () => {
  assert.equal(headings[1], '## Install', 'the first section after the title is Install');
  const firstScreen = readme.slice(0, readme.indexOf('\n## ', readme.indexOf('## Use it')));
  assert.match(firstScreen, /^npm install upload-widget$/m);
  // A versioned CDN address of this very version, as a classic script tag.
  assert.ok(
    firstScreen.includes(`<script src="https://cdn.jsdelivr.net/npm/upload-widget@${pkg.version}/dist/upload-widget.iife.js"></script>`),
    'a script tag with the versioned CDN address',
  );
  assert.match(firstScreen, /<upload-widget [^>]*upload-prefix="http:\/\/127\.0\.0\.1:8787"/, 'a minimal embed with upload-prefix');
  assert.match(firstScreen, /npx upload-widget-server/, 'how to get a server to upload to');
  // Contributor material is not on the first screen.
  assert.doesNotMatch(firstScreen, /WebKitWebDriver|npm run bench|Playwright/);
});

test("the README keeps the repository's two quick-start commands near the top", () => {
  const section = readme.slice(readme.indexOf('## Working on this repository'));
  assert.ok(readme.indexOf('## Working on this repository') < readme.indexOf('## Embed it'));
  assert.match(section, /^npm start /m);
  assert.match(section, /^npm test /m);
});

test('every README link works on the package page: absolute, or an anchor of one of its headings', () => {
  const anchors = new Set(headings.map(slug));
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length > 10);
  for (const link of links) {
    if (link.startsWith('#')) assert.ok(anchors.has(link.slice(1)), `${link} names a heading`);
    else assert.match(link, /^https:\/\//, `${link} is absolute`);
  }
});

test('package.json says where the repository, its home page and its issues are', () => {
  assert.match(pkg.repository?.url ?? '', /^git\+https:\/\/github\.com\/.+\.git$/);
  assert.match(pkg.homepage ?? '', /^https:\/\//);
  assert.match(pkg.bugs?.url ?? '', /^https:\/\/.+\/issues$/);
  // The README's absolute links point into that same repository.
  const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  for (const [, link] of readme.matchAll(/\]\((https:\/\/(?:github\.com|raw\.githubusercontent\.com)\/[^)]+)\)/g)) {
    const path = link.replace('raw.githubusercontent.com', 'github.com');
    if (!path.includes('facebook/react')) assert.ok(path.startsWith(repo.replace(/\/$/, '')), `${link} is in ${repo}`);
  }
});

test('contributor material lives in CONTRIBUTING.md', () => {
  const contributing = read('CONTRIBUTING.md');
  for (const topic of ['npm start', 'npm test', 'npm run bench', 'WebKitWebDriver', '## Layout']) assert.ok(contributing.includes(topic), topic);
});
