// Schema of supervision notices (issue 6): notices issued and received, their
// items and feedback reports. Filled in by the notices module.
export {};
