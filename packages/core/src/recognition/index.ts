/** @shtp/core/recognition — the 图像识别 module: result schemas, permission and error codes. */
export * from './recognition.errors.ts';
export * from './recognition.permissions.ts';
export * from './recognition.ts';
