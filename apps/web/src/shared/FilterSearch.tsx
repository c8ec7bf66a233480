import { Input } from 'antd';

interface FilterSearchProps {
  placeholder: string;
  /** The button's text; 查询 unless told. */
  enterButton?: string;
  maxLength?: number;
  width?: number;
  /** Codes and ID numbers are compared upper-cased (a trailing x of an ID number is X). */
  upperCase?: boolean;
  /** The new filter text, trimmed. */
  onSearch: (value: string) => void;
  /** Back to page 1 (usePagination's `reset`): a new filter starts the list again. */
  reset: () => void;
  'data-testid'?: string;
}

/** A text filter of a server-paged list: the trimmed text (upper-cased where asked) becomes the filter, on page 1. */
export function FilterSearch({ placeholder, enterButton = '查询', maxLength, width, upperCase, onSearch, reset, 'data-testid': testId }: FilterSearchProps) {
  return (
    <Input.Search
      placeholder={placeholder}
      allowClear
      enterButton={enterButton}
      maxLength={maxLength}
      style={width === undefined ? undefined : { width }}
      onSearch={(value) => {
        const trimmed = value.trim();
        onSearch(upperCase ? trimmed.toUpperCase() : trimmed);
        reset();
      }}
      data-testid={testId}
    />
  );
}
