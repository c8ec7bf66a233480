import { defineParam } from '../params/param-definition.ts';

const m = 'security';

/** The longest freshness window the parameter allows; nonces are kept this long (replay-cache.repository.ts). */
export const ENVELOPE_MAX_AGE_LIMIT_SECONDS = 3600;

/** Freshness of PDA envelopes (C1): how old, or how far ahead of the server clock, an envelope may be. */
export const transportParams = {
  maxAgeSeconds: defineParam.duration({
    key: 'transport.envelope.maxAgeSeconds',
    module: m,
    security: true,
    label: '数字信封有效期',
    description: '终端封装的数字信封超过此时长即拒收（防重放窗口，随机数在此期间保留）',
    defaultValue: 300,
    min: 30,
    max: ENVELOPE_MAX_AGE_LIMIT_SECONDS,
    unit: 'seconds',
  }),
  maxFutureSkewSeconds: defineParam.duration({
    key: 'transport.envelope.maxFutureSkewSeconds',
    module: m,
    security: true,
    label: '数字信封时钟容差',
    description: '终端时钟快于服务器时，信封时间戳最多可超前的时长',
    defaultValue: 60,
    min: 0,
    max: 600,
    unit: 'seconds',
  }),
};
