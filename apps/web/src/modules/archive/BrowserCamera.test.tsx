import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrowserCamera } from './BrowserCamera';

const SLOW = { timeout: 15_000 };

function fakeCamera(result: 'ok' | 'denied') {
  const stop = vi.fn();
  const getUserMedia = vi.fn(async () => {
    if (result === 'denied') throw new DOMException('denied', 'NotAllowedError');
    return { getTracks: () => [{ stop }] } as unknown as MediaStream;
  });
  vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia } });
  return { stop, getUserMedia };
}

describe('BrowserCamera', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('takes one frame as a JPEG page and releases the camera', async () => {
    const { stop, getUserMedia } = fakeCamera('ok');
    const drawImage = vi.fn();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ drawImage } as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (this: HTMLCanvasElement, done, type) {
      done(new Blob([`${this.width}x${this.height}`], { type }));
    });
    const onCapture = vi.fn();
    const onClose = vi.fn();
    const { rerender } = render(
      <App>
        <BrowserCamera open onClose={onClose} onCapture={onCapture} />
      </App>,
    );
    expect(getUserMedia).toHaveBeenCalledWith(expect.objectContaining({ video: expect.objectContaining({ facingMode: 'environment' }), audio: false }));
    const take = await screen.findByTestId('browser-camera-take', undefined, SLOW);
    await waitFor(() => expect((take as HTMLButtonElement).disabled).toBe(false), SLOW);
    fireEvent.click(take);
    expect(drawImage).toHaveBeenCalled();
    expect(onCapture).toHaveBeenCalledWith(expect.any(Blob));
    expect(onCapture.mock.calls[0]![0].type).toBe('image/jpeg');
    expect(onClose).toHaveBeenCalled();
    rerender(
      <App>
        <BrowserCamera open={false} onClose={onClose} onCapture={onCapture} />
      </App>,
    );
    expect(stop).toHaveBeenCalled();
  });

  it('says in Chinese why the camera cannot be used', async () => {
    fakeCamera('denied');
    render(
      <App>
        <BrowserCamera open onClose={() => {}} onCapture={() => {}} />
      </App>,
    );
    expect((await screen.findByTestId('browser-camera-error', undefined, SLOW)).textContent).toContain('未允许使用摄像头');
  });
});
