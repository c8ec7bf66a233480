import { act, screen, waitFor } from '@testing-library/react';
import { InputNumber } from 'antd';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderForm } from '../test/render-form';
import { parseFormValues } from './zod-form';

/** A schema without words of its own: the messages come from the platform's Chinese zod map (main.tsx, test setup). */
const Schema = z.strictObject({ code: z.string().min(1).max(6), count: z.number().int().max(60) });

const renderCountForm = () =>
  renderForm([
    { name: 'code', label: '代码' },
    { name: 'count', label: '数量', control: <InputNumber /> },
  ]);

describe('parseFormValues', () => {
  it("shows zod's issues in Chinese under their fields", async () => {
    const form = renderCountForm();
    let parsed: unknown = 'unset';
    act(() => {
      parsed = parseFormValues(form, Schema, { code: 'ABCDEFG', count: 72 });
    });
    expect(parsed).toBeNull();
    expect(await screen.findByText('不能超过 6 个字符')).toBeTruthy();
    expect(screen.getByText('不能大于 60')).toBeTruthy();
    act(() => {
      parsed = parseFormValues(form, Schema, {});
    });
    // Both fields' messages, however far apart they render (findAll settles on the first).
    await waitFor(() => expect(screen.getAllByText('必须填写')).toHaveLength(2));
  });
});
