// The official SARIF 2.1.0 JSON schema (draft-04, as shipped by @microsoft/jest-sarif), checked with ajv.
import type * as Sarif from 'sarif';
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
ajv.addMetaSchema(draft04);
const validate = ajv.compile(sarifSchema);

/** 'No errors', or every schema violation in one line. */
export function sarifSchemaErrors(log: unknown): string {
  validate(log);
  return ajv.errorsText(validate.errors);
}

/**
 * What GitHub code scanning requires or uses beyond the schema (its "SARIF support for code scanning" page):
 * each rule with a full description and help, each result with a message, a physical location whose URI is
 * relative to the repository root (or resolved by an originalUriBaseIds entry), a start line and
 * partialFingerprints. Empty list: GitHub takes the log as it is.
 */
export function githubSarifProblems(log: Sarif.Log): string[] {
  const problems: string[] = [];
  if (log.version !== '2.1.0') problems.push('version must be 2.1.0');
  for (const [r, run] of (log.runs ?? []).entries()) {
    if (!run.tool?.driver?.name) problems.push(`runs[${r}].tool.driver.name missing`);
    for (const rule of run.tool.driver.rules ?? []) {
      if (!rule.id) problems.push(`runs[${r}] a rule has no id`);
      if (!rule.shortDescription?.text) problems.push(`rule ${rule.id}: shortDescription.text missing`);
      if (!rule.fullDescription?.text) problems.push(`rule ${rule.id}: fullDescription.text missing`);
      if (!rule.help?.text) problems.push(`rule ${rule.id}: help.text missing`);
      if (!rule.help?.markdown) problems.push(`rule ${rule.id}: help.markdown missing`);
      if (!rule.helpUri) problems.push(`rule ${rule.id}: helpUri missing`);
    }
    const ruleIds = new Set((run.tool.driver.rules ?? []).map((rule) => rule.id));
    for (const [i, result] of (run.results ?? []).entries()) {
      const where = `runs[${r}].results[${i}]`;
      if (!result.ruleId || !ruleIds.has(result.ruleId)) problems.push(`${where}: ruleId ${result.ruleId} is not among the rules`);
      if (!result.message?.text) problems.push(`${where}: message.text missing`);
      if (!result.partialFingerprints || Object.keys(result.partialFingerprints).length === 0)
        problems.push(`${where}: partialFingerprints missing`);
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri;
      if (!uri) problems.push(`${where}: locations[0].physicalLocation.artifactLocation.uri missing`);
      else if (/^[a-z]+:/i.test(uri) || uri.startsWith('/')) problems.push(`${where}: uri ${uri} is not relative to the repository root`);
      const base = location?.artifactLocation?.uriBaseId;
      if (base && !run.originalUriBaseIds?.[base]) problems.push(`${where}: uriBaseId ${base} not in originalUriBaseIds`);
      if (!location?.region?.startLine) problems.push(`${where}: region.startLine missing`);
    }
  }
  return problems;
}
