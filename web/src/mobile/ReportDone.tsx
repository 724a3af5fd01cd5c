// 随手拍's answer: the tracking code, to copy, and the way to the status page.
import { useState } from 'react';
import { A } from './nav.tsx';

export function Done({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // Older browsers: select the text so a long press copies it.
      const el = document.getElementById('h5-code');
      if (el) {
        const r = document.createRange();
        r.selectNodeContents(el);
        const s = window.getSelection();
        s?.removeAllRanges();
        s?.addRange(r);
      }
    }
  };
  return (
    <div className="h5">
      <section className="h5-card h5-done">
        <div className="h5-done-icon" aria-hidden>
          ✓
        </div>
        <h1>提交成功，谢谢您！</h1>
        <p>请记下您的查询码，用它查看处理进度：</p>
        <div id="h5-code" className="h5-code" data-testid="tracking-code">
          {code}
        </div>
        <div className="h5-row h5-row-center">
          <button type="button" className="h5-btn" onClick={copy}>
            {copied ? '已复制' : '复制查询码'}
          </button>
          <A to={`/h5/status/${encodeURIComponent(code)}`} className="h5-btn h5-btn-ghost">
            查看处理进度
          </A>
        </div>
        <p className="h5-hint">镇创城办会尽快受理，处理完成后您可以在进度页评价。</p>
        <p className="h5-foot">
          <a href="/h5/report">再拍一个</a>
        </p>
      </section>
    </div>
  );
}
