// The campaigns module's public face: its routes; figures ⑱-㉖ served to the
// figure registry and the daily records' before/after photos as owners in
// the file store (both registered here, once, when the module is loaded); the
// editable kind lists and the import's error report, which the survey shares.
import { registerFigures } from '../figures/index.ts';
import { registerFileOwner } from '../files/index.ts';
import { campaignFigures } from './campaigns.figures.ts';
import { dayVisible } from './campaigns.service.ts';

registerFigures(campaignFigures);
// A daily record's photos (file_links owners campaign_before / campaign_after, by the day's id): whoever sees the campaign.
registerFileOwner('campaign_before', dayVisible);
registerFileOwner('campaign_after', dayVisible);

export { campaignFigureValues, drillDown as campaignDrillDown } from './campaigns.figures.ts';
export { campaignRoutes } from './campaigns.routes.ts';
export { createKind, ensureKinds, kindById, listKinds, updateKind } from './kinds.service.ts';
export { countCell, importRefusal, workbook, XLSX_TYPE, type ImportError } from './import-report.ts';
// The services, for the demo's history (server/demo/campaigns.ts).
export * as campaignService from './campaigns.service.ts';
