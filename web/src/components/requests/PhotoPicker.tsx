/**
 * Up to three photos with a request, as the resident's phone page and the liaison's 代居民登记 take
 * them: large or unusual pictures are redrawn here as JPEG until they fit the limit (2 MB), and each
 * is kept as base64 to go inline with the form.
 */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.ts';

export type Photo = { key: number; name: string; mime: string; data: string };
export const PHOTOS_MAX = 3;
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

/** A blob as base64 without the data: prefix. */
const toBase64 = (b: Blob) => new Promise<string>((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
  r.onerror = () => reject(r.error ?? new Error('read failed'));
  r.readAsDataURL(b);
});

/** Redraws a picture as JPEG, smaller step by step, until it fits `maxBytes`; null when it never does. Throws when the browser cannot read it. */
async function compressToJpeg(file: File, maxBytes: number): Promise<Blob | null> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const longest = Math.max(img.naturalWidth, img.naturalHeight, 1);
    for (const [edge, quality] of [[2560, 0.85], [2048, 0.8], [1600, 0.75], [1280, 0.7], [1024, 0.6]] as const) {
      const scale = Math.min(1, edge / longest);
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
      canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
      const g = canvas.getContext('2d');
      if (!g) return null;
      g.fillStyle = '#fff'; // transparent parts of a PNG would turn black in a JPEG
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= maxBytes) return blob;
    }
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The photos picked so far, their error and whether some are still being prepared. */
export function usePhotos(maxBytes: number) {
  const t = useT();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = useRef(0);
  const add = async (files: File[]) => {
    setError(null);
    const room = PHOTOS_MAX - photos.length;
    if (files.length > room) setError(t('rp.photoTooMany'));
    setBusy(true);
    const added: Photo[] = [];
    try {
      for (const file of files.slice(0, Math.max(0, room))) {
        let blob: Blob = file;
        let mime = file.type;
        let name = file.name || 'photo';
        if (file.size > maxBytes || !ACCEPTED.includes(file.type)) {
          let out: Blob | null;
          try {
            out = await compressToJpeg(file, maxBytes);
          } catch {
            setError(t('rp.photoUnreadable', { name }));
            continue;
          }
          if (!out) { setError(t('rp.photoTooLarge', { name })); continue; }
          blob = out;
          mime = 'image/jpeg';
          name = `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;
        }
        added.push({ key: ++next.current, name: name.slice(-100), mime, data: await toBase64(blob) });
      }
    } finally {
      setBusy(false);
      setPhotos((p) => [...p, ...added].slice(0, PHOTOS_MAX));
    }
  };
  return {
    photos, error, busy, add, setError,
    remove: (key: number) => { setPhotos((ps) => ps.filter((x) => x.key !== key)); setError(null); },
    reset: () => { setPhotos([]); setError(null); },
    /** What the API takes: name, type and base64 of each. */
    payload: () => photos.map(({ name, mime, data }) => ({ name, mime, data })),
  };
}

/** The thumbnails with a remove button each, and the camera button while there is room. `testId` prefixes the test ids. */
export function PhotoPicker({ state, testId, size = 96 }: { state: ReturnType<typeof usePhotos>; testId: string; size?: number }) {
  const t = useT();
  const fileRef = useRef<HTMLInputElement>(null);
  const { photos, busy } = state;
  return (
    <>
      <input ref={fileRef} type="file" accept="image/*" multiple style={{ display: 'none' }} data-testid={testId}
        onChange={(e) => { const files = [...(e.target.files ?? [])]; e.target.value = ''; void state.add(files); }} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid={`${testId}s`} data-count={photos.length}>
        {photos.map((p, i) => (
          <div key={p.key} style={{ position: 'relative', width: size, height: size, borderRadius: 6, overflow: 'hidden', border: '1px solid #d9d9d9' }} data-testid={`${testId}-${i}`}>
            <img src={`data:${p.mime};base64,${p.data}`} alt={p.name} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('rp.photoRemove')} style={{ position: 'absolute', top: 4, right: 4 }} onClick={() => state.remove(p.key)} />
          </div>
        ))}
        {photos.length < PHOTOS_MAX && (
          <Button style={{ width: size, height: size }} icon={<CameraOutlined />} loading={busy} onClick={() => fileRef.current?.click()} data-testid={`${testId}-add`}>
            {busy ? '' : t('rp.photoAdd')}
          </Button>
        )}
      </div>
    </>
  );
}
