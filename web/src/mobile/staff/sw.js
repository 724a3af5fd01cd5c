// The staff phone app's service worker (scope /m/), written into the build as
// /m-sw.js by sw-plugin.ts, which puts PRECACHE (the files the /m pages load)
// and VERSION in front of this text. It makes the phone pages open with no
// network once loaded:
//   navigations under /m/   network first (3 s), else the cached app shell
//   /assets/*               cache first (file names carry a content hash)
//   /api/*, POST, others    never touched: the app keeps its own data in IndexedDB
/* global PRECACHE, VERSION */
const CACHE = `cc-m-${VERSION}`;
const SHELL = '/m/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.add(new Request(SHELL, { cache: 'reload' }));
      // One missing file must not stop the others from being kept.
      await Promise.all(PRECACHE.map((u) => cache.add(u).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('cc-m-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// The page tells us what it loaded before this worker existed (first visit).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const u of data.urls) {
        const url = new URL(u, self.location.origin);
        if (url.origin !== self.location.origin || !url.pathname.startsWith('/assets/')) continue;
        if (!(await cache.match(url.pathname))) await cache.add(url.pathname).catch(() => undefined);
      }
    })(),
  );
});

function inApp(url) {
  return url.pathname === '/m' || url.pathname.startsWith('/m/');
}

async function navigation(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([fetch(request), new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), 3000))]);
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) await cache.put(SHELL, response.clone());
    return response;
  } catch {
    const shell = await cache.match(SHELL);
    if (shell) return shell;
    return new Response(
      '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>创城通</title><p style="font:16px sans-serif;padding:24px">没有网络。首次打开巡查需要联网，之后没有网络也能使用。</p></html>',
      { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } },
    );
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (inApp(url)) event.respondWith(navigation(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});
