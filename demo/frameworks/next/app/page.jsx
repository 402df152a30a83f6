// A Server Component page rendering the client component with the server's settings, per request.
import { Uploader } from './uploader.jsx';

export const dynamic = 'force-dynamic';

export default function Page() {
  const config = { cloudName: process.env.UW_CLOUD_NAME, uploadPreset: 'demo_unsigned', uploadPrefix: process.env.UW_UPLOAD_PREFIX };
  return <Uploader config={config} />;
}
