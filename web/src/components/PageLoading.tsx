// What a page shows while what it needs is on the way: one line, where the page will be.
export const PageLoading = () => <div style={{ padding: 48, textAlign: 'center', color: '#999' }}>正在加载…</div>;
