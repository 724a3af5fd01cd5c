// /api/webhooks: outbound webhooks (the secret shown once on create and on
// rotation), the documented events, the admin's allowed hosts, the delivery
// log in keyset pages and a manual retry.
import { z } from 'zod';
import { instant, page, rowId, type Wire } from './common.ts';

/** The most deliveries one page of the log holds. */
export const DELIVERIES_PAGE_MAX = 200;

export const webhookEvents = z.object({
  events: z.array(z.object({ event: z.string(), label: z.string() })),
  signature: z.string().describe('签名头的格式'),
  maxAttempts: z.number().int().describe('投递失败后的最多尝试次数'),
});

export const webhook = z.object({
  id: rowId,
  regionCode: z.string().describe('空字符串：全部区域'),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: instant,
  pending: z.number().int().describe('待投递'),
  failed: z.number().int().describe('投递失败'),
});
export const webhookList = z.object({ items: z.array(webhook) });
export const webhookWithSecret = webhook.extend({ secret: z.string().describe('签名密钥，只显示这一次') });

export const allowedHosts = z.object({ hosts: z.array(z.string()) });

export const delivery = z.object({
  id: rowId,
  webhookId: rowId,
  event: z.string(),
  payload: z.unknown().describe('投递的 JSON 正文'),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: instant.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: instant.nullable(),
  createdAt: instant,
});
export const deliveryPage = page(delivery);

export type Webhook = Wire<typeof webhook>;
export type WebhookWithSecret = Wire<typeof webhookWithSecret>;
export type Delivery = Wire<typeof delivery>;
export type DeliveryPage = Wire<typeof deliveryPage>;
export type WebhookEvents = Wire<typeof webhookEvents>;
