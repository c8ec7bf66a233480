import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';

/** A bundle of the previous release that the server no longer has (the console was redeployed while open). */
export function isChunkLoadError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /dynamically imported module|Importing a module script failed|Loading (CSS )?chunk|ChunkLoadError|error loading dynamically/i.test(text);
}

interface State {
  error: unknown;
}

/**
 * Catches what a page throws while rendering (or loading its code), so that the menu and header stay and the user
 * can retry, instead of a white console. The layout remounts it per route, so another page starts clean.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (isChunkLoadError(error)) {
      return (
        <Result
          status="info"
          title="页面已更新，请刷新"
          subTitle="系统已发布新版本，当前页面的程序文件已更换。刷新后即可继续使用，已保存的数据不受影响。"
          extra={
            <Button type="primary" onClick={() => window.location.reload()}>
              刷新页面
            </Button>
          }
        />
      );
    }
    return (
      <Result
        status="error"
        title="页面出错"
        subTitle="此页面显示时出现错误，可以重试；如果反复出现，请联系系统管理员。"
        extra={
          <Button type="primary" onClick={() => this.setState({ error: null })}>
            重试
          </Button>
        }
      />
    );
  }
}
