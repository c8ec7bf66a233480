import { ResultPage } from './ResultPage';

export function NotFoundPage() {
  return <ResultPage status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移除。" />;
}
