import { UploadForm } from '@/components/upload-form';

export const metadata = { title: 'Upload bundle' };

export default function UploadPage() {
  return (
    <div className="narrow">
      <div className="page-head">
        <h1>Upload a bundle</h1>
      </div>
      <p className="muted">
        For a node the dashboard cannot reach over SSH: run <code>nodescope-collect.sh &gt; node.bundle</code>{' '}
        on it, copy the file here. The snapshot is analyzed against the node&apos;s pool peers and stored
        under the node name in the bundle.
      </p>
      <UploadForm />
      <p className="faint">
        From a script: <code>curl --data-binary @node.bundle.gz http://HOST:PORT/api/upload</code>
      </p>
    </div>
  );
}
