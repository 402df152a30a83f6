'use client';
// Next.js App Router: the package's React component in a client component, server-rendered and
// hydrated with nothing else to do.
import { useRef, useState } from 'react';
import { UploadWidget } from 'upload-widget/react';

export function Uploader({ config }) {
  const widget = useRef(null);
  const [uploaded, setUploaded] = useState([]);
  const [finished, setFinished] = useState('');
  return (
    <main>
      <h1>Next.js</h1>
      <button type="button" onClick={() => widget.current?.open()}>
        Upload photos
      </button>
      <UploadWidget
        ref={widget}
        cloudName={config.cloudName}
        uploadPreset={config.uploadPreset}
        uploadPrefix={config.uploadPrefix}
        sources={['local']}
        maxFiles={5}
        onSuccess={(event) => setUploaded((list) => [...list, `${event.detail.original_filename}: ${event.detail.secure_url}`])}
        onQueuesEnd={(event) => setFinished(`${event.detail.files.length} files finished`)}
      />
      <h2>Uploaded</h2>
      <ul aria-label="Uploaded files">
        {uploaded.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p role="status">{finished}</p>
    </main>
  );
}
