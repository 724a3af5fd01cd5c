// A resident's rating of a closed problem (群众满意度); 不满意 flags it for the office.
export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export type Rating = (typeof RATINGS)[number];
