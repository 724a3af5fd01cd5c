// GB/T 9704-2012 page layout as numbers, in the units the .docx writer uses.
// 1 mm = 56.6929 twips (1/20 pt); font sizes in half-points.

export const mmToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);

/** A4 portrait: 210 × 297 mm = 11906 × 16838 twips. */
export const PAGE = { width: 11906, height: 16838 } as const;
/** 天头 37 mm, 订口 28 mm; text block 156 × 225 mm leaves right 26 mm and bottom 35 mm. */
export const MARGIN_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const MARGIN = {
  top: mmToTwip(MARGIN_MM.top),
  bottom: mmToTwip(MARGIN_MM.bottom),
  left: mmToTwip(MARGIN_MM.left),
  right: mmToTwip(MARGIN_MM.right),
} as const;
export const TEXT_BLOCK_MM = { width: 156, height: 225 } as const;

/** 22 lines per page: 225 mm / 22 = 10.227 mm = 28.99 pt; the customary exact pitch is 28.95 pt (579 twips). */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
export const LINE_PITCH_TWIPS = 579;
/** 3号 = 16 pt; 28 × 16 pt = 448 pt = 158.0 mm > 156 mm, so characters are condensed by (156 mm − 448 pt) / 28. */
export const BODY_PT = 16;
export const CHAR_SPACING_TWIPS = Math.floor((mmToTwip(TEXT_BLOCK_MM.width) - CHARS_PER_LINE * BODY_PT * 20) / CHARS_PER_LINE); // −5 twips = −0.25 pt
export const TITLE_PT = 22; // 2号
export const PAGE_NUMBER_PT = 14; // 4号
export const HEADER_PT = 36; // 发文机关标志: no larger than 22 mm × 15 mm per character; 36 pt looks right on A4
export const TABLE_PT = 12; // 小4号 inside tables, so a 6-column table fits 156 mm

export const RED = 'FF0000';

/** Fonts as Chinese offices have them installed; eastAsia falls back to what the machine has. */
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
/** How a machine without the office fonts substitutes them (font table altName and family). */
export const FONT_FALLBACK: Record<string, { altName: string; family: 'roman' | 'swiss' }> = {
  方正小标宋简体: { altName: '宋体', family: 'roman' },
  仿宋_GB2312: { altName: '仿宋', family: 'roman' },
  楷体_GB2312: { altName: '楷体', family: 'roman' },
  黑体: { altName: 'SimHei', family: 'swiss' },
  宋体: { altName: 'SimSun', family: 'roman' },
};
/** Latin/ASCII runs: Times New Roman, as GB/T 9704 practice. */
export const LATIN_FONT = 'Times New Roman';

/** Page numbers: "— 1 —", 4号 宋体, odd pages right, even pages left (GB/T 9704 §7.5), one character inset. */
export const PAGE_NUMBER_STYLE = 'odd-right-even-left' as const;
