// React 19 with a plain <upload-widget> and camelCase props: the server writes them as attributes
// (`uploadPrefix=…`, which the browser reads as `uploadprefix`) and the element reads those
// lowercase spellings, so the options hold after hydration too (arrays and objects are not written:
// give those through the ref, or use the component). React hydrates a custom element without its
// `on<event>` props (facebook/react#35446): listen through the ref, or use the UploadWidget
// component (demo/frameworks/react).
import { useEffect, useRef, useState } from 'react';
import type { UploadWidget, WidgetEvent } from 'upload-widget';
import type {} from 'upload-widget/react';

export interface UploadConfig {
  cloudName: string;
  uploadPreset: string;
  uploadPrefix: string;
}

export function App({ config }: { config: UploadConfig }) {
  const widget = useRef<UploadWidget>(null);
  const [uploaded, setUploaded] = useState<string[]>([]);
  const [finished, setFinished] = useState('');
  useEffect(() => {
    const el = widget.current!;
    const onSuccess = (event: WidgetEvent<'success'>) => setUploaded((list) => [...list, `${event.detail.original_filename}: ${event.detail.secure_url}`]);
    const onQueuesEnd = (event: WidgetEvent<'queues-end'>) => setFinished(`${event.detail.files.length} files finished`);
    el.addEventListener('success', onSuccess);
    el.addEventListener('queues-end', onQueuesEnd);
    return () => {
      el.removeEventListener('success', onSuccess as EventListener);
      el.removeEventListener('queues-end', onQueuesEnd as EventListener);
    };
  }, []);
  return (
    <main>
      <h1>React</h1>
      <button type="button" onClick={() => widget.current?.open()}>
        Upload photos
      </button>
      <upload-widget
        ref={widget}
        class="uploader"
        cloudName={config.cloudName}
        uploadPreset={config.uploadPreset}
        uploadPrefix={config.uploadPrefix}
        maxFiles={5}
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
