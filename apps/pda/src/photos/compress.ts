import type { HandheldSettings } from '@shtp/core/enforcement';

/**
 * P11: a photo is made smaller on the handheld before it waits in the outbox and goes over a poor network — the longer
 * side and the JPEG quality are the server's parameters (enforcement.photo.*), fetched at login and kept for offline
 * use; until the first login the defaults below (evidence stays legible, a photo is typically 150–400 kB).
 */
const DEFAULTS: HandheldSettings = { photoMaxSide: 1600, photoQuality: 0.8 };
const SETTINGS_KEY = 'shtp-pda-settings';

export const photoSettings = (): HandheldSettings => ({ ...DEFAULTS, ...JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') });
export const savePhotoSettings = (s: HandheldSettings) => localStorage.setItem(SETTINGS_KEY, JSON.stringify(s));

export async function compressPhoto(file: Blob, settings: HandheldSettings = photoSettings()): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, settings.photoMaxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: settings.photoQuality });
}
