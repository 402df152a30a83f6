// React 19: options as attributes (rendered on the server) and properties (set once the element
// is defined), events as `on<event>` props, a ref calling open().
import { useRef, useState, useSyncExternalStore } from 'react';
import type { UploadWidget, WidgetEvent } from 'upload-widget';
import type {} from 'upload-widget/react';

export interface UploadConfig {
  cloudName: string;
  uploadPreset: string;
  uploadPrefix: string;
}

const noSubscription = () => () => {};

/**
 * False while rendering on the server and hydrating, true after. React 19.3 hydrates a custom
 * element without setting its properties or `on<event>` listeners (facebook/react#35446), so
 * the element is keyed on this: once hydrated, React makes it again on the client, with both.
 */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

export function App({ config }: { config: UploadConfig }) {
  const hydrated = useHydrated();
  const widget = useRef<UploadWidget>(null);
  const [uploaded, setUploaded] = useState<string[]>([]);
  const onSuccess = (event: WidgetEvent<'success'>) => setUploaded((list) => [...list, `${event.detail.original_filename}: ${event.detail.secure_url}`]);
  return (
    <main>
      <h1>React</h1>
      <button type="button" onClick={() => widget.current?.open()}>
        Upload photos
      </button>
      <upload-widget
        key={hydrated ? 'client' : 'server'}
        ref={widget}
        cloud-name={config.cloudName}
        upload-preset={config.uploadPreset}
        upload-prefix={config.uploadPrefix}
        sources={['local']}
        maxFiles={5}
        onsuccess={onSuccess}
      />
      <h2>Uploaded</h2>
      <ul aria-label="Uploaded files">
        {uploaded.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </main>
  );
}
