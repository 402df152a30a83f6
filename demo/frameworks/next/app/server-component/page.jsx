// The component rendered straight from a Server Component (upload-widget/react is a client
// module): serializable props only, so no listeners here; the page's script listens.
import { UploadWidget } from 'upload-widget/react';

export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>Server Component</h1>
      <UploadWidget inline cloudName={process.env.UW_CLOUD_NAME} uploadPreset="demo_unsigned" uploadPrefix={process.env.UW_UPLOAD_PREFIX} sources={['local']} />
    </main>
  );
}
