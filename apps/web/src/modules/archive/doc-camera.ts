/**
 * The document camera (高拍仪) port: the vendor's capture service runs on the officer's machine (HTTP on localhost),
 * so the browser talks to it directly. The real client posts to its capture URL and gets a JPEG; the simulator draws
 * a synthetic page (for demos and the browser test) and fails like the device does when asked to.
 */
export interface DocCamera {
  readonly simulated: boolean;
  capture(): Promise<Blob>;
}

/** The vendor's local service, e.g. http://127.0.0.1:38088/capture (set in this browser by the administrator). */
export class VendorDocCamera implements DocCamera {
  readonly simulated = false;
  constructor(private readonly url: string) {}

  async capture(): Promise<Blob> {
    let res: Response;
    try {
      res = await fetch(this.url, { method: 'POST' });
    } catch {
      throw new Error('无法连接高拍仪服务，请确认高拍仪已连接且厂商服务已启动');
    }
    if (!res.ok) throw new Error(`高拍仪拍摄失败（${res.status}），请检查设备后重试`);
    const blob = await res.blob();
    if (!blob.type.startsWith('image/')) throw new Error('高拍仪返回的不是图片，请检查设备设置');
    return blob;
  }
}

/** Draws a page with ruled text blocks and a caption, as a scanned form would look. */
export class SimulatedDocCamera implements DocCamera {
  readonly simulated = true;
  private shots = 0;
  /** Set by a test or demo: the next capture fails as a disconnected device does. */
  failNext = false;

  async capture(): Promise<Blob> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('无法连接高拍仪服务，请确认高拍仪已连接且厂商服务已启动');
    }
    this.shots += 1;
    const canvas = document.createElement('canvas');
    canvas.width = 1240;
    canvas.height = 1754;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = '#222';
    g.font = '48px sans-serif';
    g.fillText(`模拟高拍仪采集 第 ${this.shots} 张`, 120, 160);
    for (let i = 0; i < 30; i++) g.fillRect(120, 260 + i * 46, 400 + ((i * 97 + this.shots * 131) % 600), 18);
    return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('模拟高拍仪生成图片失败'))), 'image/jpeg', 0.9));
  }
}

const URL_KEY = 'shtp.docCamera.url';
let simulator: SimulatedDocCamera | null = null;

/** The vendor's service when this browser has its URL, else the simulator. */
export function docCamera(): DocCamera {
  const url = localStorage.getItem(URL_KEY);
  if (url) return new VendorDocCamera(url);
  simulator ??= new SimulatedDocCamera();
  return simulator;
}
