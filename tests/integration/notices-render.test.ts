// Renders a notice .docx with LibreOffice to PDF and to PNG (pdftoppm), kept
// under tests/artifacts/ for a human to look at. CI installs libreoffice-writer
// and poppler-utils (.ci/run); without soffice locally the test is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { buildOfficialDoc, thumbnail } from '../../server/modules/notices/docx.ts';

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice && command -v pdftoppm']).status === 0;
if (!hasSoffice) console.warn('notices-render: skipped — soffice/pdftoppm not installed (apt-get install libreoffice-writer poppler-utils)');
const OUT = path.resolve(import.meta.dirname, '../artifacts/notices');

describe.skipIf(!hasSoffice)('notice rendered by LibreOffice', () => {
  it('renders to a 2-page A4 PDF and PNGs with the red header, the rule and page numbers', { timeout: 120_000 }, async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const photo = await thumbnail(
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#7a9' } })
        .jpeg()
        .toBuffer(),
    );
    const items = Array.from(
      { length: 12 },
      (_, i) =>
        [
          String(i + 1),
          i % 2 ? '东门街社区' : '水东街社区',
          i % 2 ? '东大街' : '店头街',
          '机动车占用人行道停放，影响行人通行',
          '2026-12-10',
          { image: photo },
        ] as const,
    );
    const buf = await buildOfficialDoc({
      issuerMark: '汀州镇创城办',
      docNumber: '汀州镇创城办〔2026〕5号',
      title: '关于2026年第5期创城督查情况的通报',
      addressee: '各社区居委会、镇直有关单位：',
      blocks: [
        { kind: 'p', text: '11月下旬，镇创城办对全镇创建全国文明城市工作开展了督查，现将有关情况通报如下。' },
        { kind: 'h1', text: '一、基本情况' },
        { kind: 'p', text: '本期共发现问题12个，涉及2个社区。具体问题见附表《问题反馈清单》。' },
        { kind: 'h1', text: '二、存在的问题' },
        { kind: 'h2', text: '（一）水东街社区（6个）' },
        { kind: 'h3', text: '1. 店头街：机动车占用人行道停放。' },
        { kind: 'h1', text: '三、整改要求' },
        { kind: 'p', text: '请各社区对照问题反馈清单逐项整改，于2026年12月10日前完成，并将整改情况（附整改前后照片）书面反馈镇创城办。' },
      ],
      tableTitle: '问题反馈清单（2026年第5期）',
      table: {
        columns: [
          { title: '序号', width: 7 },
          { title: '社区', width: 15 },
          { title: '点位', width: 14 },
          { title: '问题描述', width: 30 },
          { title: '整改期限', width: 16 },
          { title: '照片', width: 18 },
        ],
        rows: items.map((r) => [...r]),
      },
      signature: '汀州镇创城办',
      date: '2026-11-25',
    });
    const docx = path.join(OUT, 'notice.docx');
    fs.writeFileSync(docx, buf);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', OUT, docx], {
      stdio: 'pipe',
      timeout: 100_000,
    });
    fs.rmSync(profile, { recursive: true, force: true });
    const pdf = path.join(OUT, 'notice.pdf');
    expect(fs.existsSync(pdf)).toBe(true);
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(OUT, 'notice')]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain('汀州镇创城办〔2026〕5号');
    expect(text).toContain('—1—');
    expect(text).toContain('—2—');
    expect(text).toContain('问题反馈清单');
    // The header is red: sample the first page's top band for red pixels.
    const png = fs.readdirSync(OUT).filter((f) => /^notice-0*1\.png$/.test(f))[0];
    const { data, info: im } = await sharp(path.join(OUT, png)).raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let y = 0; y < Math.round(im.height * 0.3); y++) {
      for (let x = 0; x < im.width; x++) {
        const o = (y * im.width + x) * im.channels;
        if (data[o] > 200 && data[o + 1] < 80 && data[o + 2] < 80) red++;
      }
    }
    expect(red).toBeGreaterThan(200);
  });
});
