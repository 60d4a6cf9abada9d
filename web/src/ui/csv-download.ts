import { useState } from 'react';

/** Saves a blob under `filename` (a download the browser handles). */
export function saveBlob(blob: Blob, filename: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** A list's "Export as CSV": fetches the file, saves it, and keeps the last failure to show. */
export function useCsvDownload(fetchCsv: () => Promise<Blob>, filename: string): { download: () => Promise<void>; error: unknown } {
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    try {
      saveBlob(await fetchCsv(), filename);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  return { download, error };
}
