// The worker that hashes files off the page's thread (./file-hash.ts starts it): a Blob comes in
// (no copy of its bytes), its MD5 goes out. Built on its own as dist/parts/hash-worker.js, a
// classic worker script with nothing to import.
import { md5OfBlob } from './md5.js';
import { serveJobs } from './worker-jobs.js';

serveJobs(md5OfBlob);
