export { deployFindings, isLoopback, type FindingSource } from './deploy-checks.js';
export { finding, type Finding, type Severity } from './finding.js';
