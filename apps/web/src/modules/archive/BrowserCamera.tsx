import { Alert, Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';

/** JPEG quality of a frame taken from the camera (the server makes the renditions from it). */
const FRAME_QUALITY = 0.92;

const release = (s: MediaStream | null) => {
  for (const track of s?.getTracks() ?? []) track.stop();
};

export const browserCameraAvailable = () => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

const cameraError = (error: unknown) => {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return '浏览器未允许使用摄像头：请在地址栏的权限设置中允许后重试';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return '未找到可用的摄像头';
  if (name === 'NotReadableError') return '摄像头正被其他程序占用';
  return '无法打开摄像头（须通过 HTTPS 访问）';
};

/**
 * 浏览器摄像头 (A3): the computer's or tablet's camera through getUserMedia, previewed, one frame taken as a JPEG page.
 * The camera is released when the window closes.
 */
export function BrowserCamera({ open, onClose, onCapture }: { open: boolean; onClose: () => void; onCapture: (page: Blob) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let live: MediaStream | null = null;
    let closed = false;
    setError(null);
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 2560 }, height: { ideal: 1920 } }, audio: false })
      .then((s) => {
        live = s;
        if (closed) release(s);
        else {
          setStream(s);
          if (video.current) video.current.srcObject = s;
        }
      })
      .catch((e: unknown) => setError(cameraError(e)));
    return () => {
      closed = true;
      release(live);
      setStream(null);
    };
  }, [open]);

  const take = () => {
    const v = video.current;
    if (!v || !stream) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth || 1280;
    canvas.height = v.videoHeight || 960;
    canvas.getContext('2d')?.drawImage(v, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(
      (blob) => {
        if (!blob) return setError('拍摄失败，请重试');
        onCapture(blob);
        onClose();
      },
      'image/jpeg',
      FRAME_QUALITY,
    );
  };

  return (
    <Modal
      open={open}
      title="浏览器摄像头拍摄"
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={take} disabled={!stream} data-testid="browser-camera-take">
          拍摄此页
        </Button>
      }
    >
      {error ? (
        <Alert type="error" showIcon title={error} data-testid="browser-camera-error" />
      ) : (
        <video ref={video} autoPlay playsInline muted style={{ width: '100%', background: '#000' }} data-testid="browser-camera-video" />
      )}
    </Modal>
  );
}
