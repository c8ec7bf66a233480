import { fireEvent, screen, waitFor } from '@testing-library/react';

/** Opens an antd Select by its test id and picks the option with this label. */
export async function pick(testId: string, label: string, timeout = 15_000) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('[role="combobox"]') ?? select);
  const option = await waitFor(
    () => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((o) => o.textContent === label);
      if (!found) throw new Error(`no option ${label}`);
      return found;
    },
    { timeout },
  );
  fireEvent.click(option);
}

/** The error text shown under the form item that holds this input. */
export const errorUnder = (testId: string) => screen.getByTestId(testId).closest('.ant-form-item')?.querySelector('.ant-form-item-explain')?.textContent ?? '';

/** The shown value of the antd Statistic with this title, once it is rendered. */
export async function statisticValue(title: string, timeout = 15_000) {
  const heading = await screen.findByText(title, {}, { timeout });
  return heading.closest('.ant-statistic')?.querySelector('.ant-statistic-content-value')?.textContent;
}
