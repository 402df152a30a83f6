// React 19 with the package's component: camelCase options set as properties, `onSuccess` and
// `onQueuesEnd` as listeners, a ref to the element calling open(). Rendered on the server and
// hydrated, with nothing else to do.
import { useRef, useState } from 'react';
import type { UploadWidget as UploadWidgetElement } from 'upload-widget';
import { UploadWidget } from 'upload-widget/react';

export interface UploadConfig {
  cloudName: string;
  uploadPreset: string;
  uploadPrefix: string;
}

export function App({ config }: { config: UploadConfig }) {
  const widget = useRef<UploadWidgetElement>(null);
  const [uploaded, setUploaded] = useState<string[]>([]);
  const [finished, setFinished] = useState('');
  return (
    <main>
      <h1>React</h1>
      <button type="button" onClick={() => widget.current?.open()}>
        Upload photos
      </button>
      <UploadWidget
        ref={widget}
        className="uploader"
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
