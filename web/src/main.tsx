// Entry: a tiny switch so a resident's phone on /h5/... loads only the light
// H5 pages (plain React, no antd), and everyone else the staff app.
const root = document.getElementById('root')!;
if (window.location.pathname === '/h5' || window.location.pathname.startsWith('/h5/')) {
  void import('./mobile/entry.tsx').then((m) => m.mount(root));
} else if (window.location.pathname === '/m' || window.location.pathname.startsWith('/m/')) {
  // The staff phone app (inspections, offline): plain React too, no antd.
  void import('./mobile/staff/entry.tsx').then((m) => m.mount(root));
} else if (window.location.pathname === '/screen' || window.location.pathname.startsWith('/screen/')) {
  // The 大屏 (a wall display, 1920×1080): its own entry with its own ECharts, no antd, no desk code.
  void import('./screen/entry.tsx').then((m) => m.mount(root));
} else {
  void import('./desktop.tsx').then((m) => m.mount(root));
}
