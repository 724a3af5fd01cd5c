// Schema of assessment (issue 6): reward/punishment rules, the points ledger,
// rankings (red/black lists). Filled in by the assessment module.
export {};
