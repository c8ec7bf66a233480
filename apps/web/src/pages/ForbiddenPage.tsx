import { ResultPage } from './ResultPage';

export function ForbiddenPage() {
  return <ResultPage status="403" title="无权访问" subTitle="您没有访问此页面的权限，如需开通请联系安全管理员。" />;
}
