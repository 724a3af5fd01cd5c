// Photos are shrunk on the phone before they are queued: a 12-megapixel
// camera JPEG is 4-8 MB, which would fill IndexedDB and take minutes to send
// on a weak signal; ≤ 1600 px at JPEG quality 0.8 is ~200-400 KB and enough
// for a rectification record.
export const MAX_SIDE = 1600;
export const QUALITY = 0.8;

async function decode(file: Blob): Promise<{ src: CanvasImageSource; w: number; h: number; close: () => void }> {
  if ('createImageBitmap' in window) {
    // imageOrientation 'from-image' applies the EXIF rotation of portrait shots.
    const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' } as ImageBitmapOptions);
    return { src: bmp, w: bmp.width, h: bmp.height, close: () => bmp.close() };
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { src: img, w: img.naturalWidth, h: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
}

/** The photo as a JPEG no larger than MAX_SIDE on its long side. */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  let img: Awaited<ReturnType<typeof decode>>;
  try {
    img = await decode(file);
  } catch {
    throw new Error('无法读取这张照片，请重新拍摄');
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(img.w, img.h));
    const w = Math.max(1, Math.round(img.w * scale));
    const h = Math.max(1, Math.round(img.h * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff'; // transparent PNGs become white, not black
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img.src, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    if (!blob) throw new Error('照片压缩失败，请重新拍摄');
    return blob;
  } finally {
    img.close();
  }
}
