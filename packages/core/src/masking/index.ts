/** @shtp/core/masking — masking (脱敏) of personal fields, shared by the server's views and the console. */
export * from './masking.ts';
export * from './masking-rules.ts';
